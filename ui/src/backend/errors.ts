import type { BackendError } from "./types";

/** Code used when a thrown value carries no usable code. */
export const UNEXPECTED_ERROR_CODE = "unexpected";

// Codes become i18n keys (`errors.<code>`): keep them to a safe alphabet
// (no dots, which i18next would read as nesting).
const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function describe(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.message || value.name;
  try {
    const json = JSON.stringify(value);
    if (typeof json === "string") return json;
  } catch {
    // circular or otherwise unserialisable: fall through
  }
  return String(value);
}

/** True when `value` already has the `{ code, message }` shape with a valid code. */
export function isBackendError(value: unknown): value is BackendError {
  return (
    isRecord(value) &&
    typeof value["code"] === "string" &&
    CODE_PATTERN.test(value["code"]) &&
    typeof value["message"] === "string"
  );
}

/**
 * Turns anything a command or the IPC layer may throw into a `BackendError`.
 * Tauri rejects with the command's serialised error (our `{ code, message }`), but the
 * IPC layer itself rejects with plain strings (e.g. an unknown command), and JS code may
 * throw `Error`s: those all become `unexpected`, keeping their text as the message.
 */
export function toBackendError(value: unknown): BackendError {
  if (isBackendError(value)) {
    return withDetails({ code: value.code, message: value.message }, value);
  }
  if (isRecord(value) && typeof value["code"] === "string" && CODE_PATTERN.test(value["code"])) {
    // A code without a (string) message is still a code.
    return withDetails({ code: value["code"], message: describe(value["message"] ?? value["code"]) }, value);
  }
  return { code: UNEXPECTED_ERROR_CODE, message: describe(value) };
}

/** Keeps the optional `field` and retry delay (either spelling) when well-formed. */
function withDetails(error: BackendError, source: unknown): BackendError {
  if (!isRecord(source)) return error;
  const field = source["field"];
  if (typeof field === "string" && CODE_PATTERN.test(field)) error.field = field;
  const retry = source["retryAfterSeconds"] ?? source["retry_after_seconds"];
  if (typeof retry === "number" && Number.isFinite(retry) && retry >= 0) error.retryAfterSeconds = retry;
  return error;
}

/** Error class thrown by every `Backend` method, so callers can `catch` one shape. */
export class BackendCallError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(error: BackendError) {
    super(error.message);
    this.name = "BackendCallError";
    this.code = error.code;
    this.field = error.field;
    this.retryAfterSeconds = error.retryAfterSeconds;
  }

  toJSON(): BackendError {
    const json: BackendError = { code: this.code, message: this.message };
    if (this.field !== undefined) json.field = this.field;
    if (this.retryAfterSeconds !== undefined) json.retryAfterSeconds = this.retryAfterSeconds;
    return json;
  }
}

/** Runs a backend call and rethrows any failure as a `BackendCallError`. */
export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof BackendCallError) throw thrown;
    throw new BackendCallError(toBackendError(thrown));
  }
}
