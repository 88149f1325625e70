// The retrieval form's modes and its checks before any call: what is missing or can never be
// right (letters in a PIN, a wrong length). The backend checks the rest (the PIN's check digit,
// the NRE's region) and answers with the same codes and the field.
import type { BackendError, LookupMode } from "../backend";

/** The seed's three retrieval modes, plus the list of all the card holder's bookings. */
export type RetrieveMode = LookupMode | "all";

export const RETRIEVE_MODES: readonly RetrieveMode[] = ["pin", "cup_number", "nre", "all"];

/** Test id suffix of each mode's radio button (manage-mode-pin, -cup, -nre, -all). */
export const MODE_TEST_IDS: Record<RetrieveMode, string> = {
  pin: "manage-mode-pin",
  cup_number: "manage-mode-cup",
  nre: "manage-mode-nre",
  all: "manage-mode-all",
};

export interface RetrieveValues {
  mode: RetrieveMode;
  value: string;
}

export const EMPTY_RETRIEVE: RetrieveValues = { mode: "cup_number", value: "" };

/** The field names the backend uses for a look-up value. */
export const VALUE_FIELDS = new Set(["pin", "cup_number", "nre", "mode", "value"]);

/** The value as it is sent: spaces removed, letters in capitals. */
export function normaliseValue(mode: RetrieveMode, value: string): string {
  const compact = value.replace(/\s+/g, "");
  return mode === "nre" ? compact.toUpperCase() : compact;
}

/** `null` when the value can be sent; otherwise the error to show on the value field. */
export function checkRetrieval({ mode, value }: RetrieveValues): BackendError | null {
  if (mode === "all") return null;
  const v = normaliseValue(mode, value);
  const error = (code: string): BackendError => ({ code, message: code, field: mode });
  if (v === "") return error("required");
  switch (mode) {
    case "pin":
      if (!/^[0-9]+$/.test(v)) return error("pin_format");
      return v.length === 8 ? null : error("pin_length");
    case "cup_number":
      if (!/^[0-9]+$/.test(v)) return error("cup_number_format");
      return v.length === 12 ? null : error("cup_number_length");
    case "nre":
      if (v.length !== 15) return error("nre_length");
      return /^[0-9]{3}[0-9A-Z]{12}$/.test(v) ? null : error("nre_format");
  }
}
