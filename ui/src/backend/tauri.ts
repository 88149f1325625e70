import { invoke } from "@tauri-apps/api/core";
import { call } from "./errors";
import type { AppInfo, Backend } from "./types";

/** The backend inside the Tauri shell: every method is one Rust command. */
export function createTauriBackend(): Backend {
  return {
    kind: "tauri",
    appInfo: () => call(() => invoke<AppInfo>("app_info")),
  };
}
