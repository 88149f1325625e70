import i18next from "i18next";
import type { BackendError } from "../backend";
import type it from "./it.json";

export type ErrorKey = `errors.${keyof typeof it.errors}`;

/**
 * The i18n key for a backend error: `errors.<code>` when translated, otherwise the
 * generic message. The error's raw `message` is for logs and is never displayed.
 */
export function errorMessageKey(error: Pick<BackendError, "code">): ErrorKey {
  const key = `errors.${error.code}`;
  return i18next.exists(key) ? (key as ErrorKey) : "errors.generic";
}
