import type { AppInfo, Backend } from "./types";

/**
 * The backend in a plain browser (`npm run dev`, `vite preview`, browser end-to-end tests):
 * there is no Rust side, so it answers with demo values.
 */
export function createWebBackend(): Backend {
  const info: AppInfo = { version: __APP_VERSION__, demo: true, backendUrl: null };
  return {
    kind: "web",
    appInfo: () => Promise.resolve({ ...info }),
  };
}
