import i18next from "i18next";
import type { BackendError } from "../backend";
import type it from "./it.json";

export type ErrorKey = `errors.${keyof typeof it.errors}`;

/**
 * The i18n key for a backend error: `errors.<code>` when translated, otherwise the
 * generic message. The error's raw `message` is for logs and is never displayed.
 */
export function errorMessageKey(error: Pick<BackendError, "code">, fallback: ErrorKey = "errors.generic"): ErrorKey {
  const key = `errors.${error.code}`;
  return i18next.exists(key) ? (key as ErrorKey) : fallback;
}


/**
 * The sentence shown to the citizen for an error, in the current language. Field errors
 * (validation) fall back to "some data is not valid" rather than the generic failure.
 */
export function errorText(error: Pick<BackendError, "code" | "field" | "retryAfterSeconds">): string {
  if (error.code === "too_many_attempts" && error.retryAfterSeconds !== undefined) {
    // "wait N minutes" when the backend says how long; "a few minutes" otherwise.
    return i18next.t("errors.too_many_attempts_wait", { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  const fallback: ErrorKey = error.field === undefined ? "errors.generic" : "errors.invalid_input";
  return i18next.t(errorMessageKey(error, fallback));
}
