// The ONLY folder of the UI that may import `@tauri-apps/*`.
import { createTauriBackend } from "./tauri";
import type { Backend } from "./types";
import { createWebBackend } from "./web";

export type * from "./types";
export { BackendCallError, isBackendError, toBackendError, UNEXPECTED_ERROR_CODE } from "./errors";

/** True inside the Tauri webview (the shell injects `__TAURI_INTERNALS__` before any script). */
export function isTauri(win: Window = window): boolean {
  return "__TAURI_INTERNALS__" in win;
}

/** The backend, chosen once at startup. */
export const backend: Backend = isTauri() ? createTauriBackend() : createWebBackend();
