import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { initI18n } from "../i18n";
import en from "../i18n/en.json";
import it_ from "../i18n/it.json";
import { manageErrorText } from "./parts";

// The codes the management flow can meet: the domain's look-up validation (crates/cup-domain
// ids/pin.rs, cup_number.rs), the server's (cup-api error.rs, services) and the app's own.
const CODES = [
  "required", "pin_length", "pin_format", "pin_check", "cup_number_length", "cup_number_format",
  "nre_length", "nre_format", "nre_region", "lookup_one_mode", "authentication_failed", "too_many_attempts",
  "session_expired", "not_found", "forbidden", "booking_state_conflict", "appointment_passed",
  "slot_unavailable", "hold_expired", "hold_extension_used", "unreachable", "timeout", "unavailable", "keyring_failed",
];

describe("management errors", () => {
  beforeAll(async () => {
    await initI18n();
  });

  for (const [language, tree] of Object.entries({ it: it_, en })) {
    it(`${language}.json has a sentence for every code the flow can meet`, () => {
      const errors = tree.errors as Record<string, string>;
      expect(CODES.filter((code) => errors[code] === undefined)).toEqual([]);
    });
  }

  it("says what a failed card login means here (no prescription number is involved)", async () => {
    await i18next.changeLanguage("it");
    const text = manageErrorText({ code: "authentication_failed" });
    expect(text).toMatch(/Codice Fiscale e Numero Tessera Sanitaria non corrispondono/);
    expect(text).not.toMatch(/Ricetta/);
    await i18next.changeLanguage("en");
    expect(manageErrorText({ code: "authentication_failed" })).toMatch(/health card number do not match/);
  });

  it("falls back to the app's sentences, never the raw message", async () => {
    await i18next.changeLanguage("it");
    expect(manageErrorText({ code: "pin_check", field: "pin" })).toMatch(/Codice PIN non è corretto/);
    expect(manageErrorText({ code: "something_new" })).toBe(i18next.t("errors.generic"));
  });
});
