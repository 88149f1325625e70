// Wire types of the app's Tauri commands.
// Hand-written for now; they will be generated from the Rust contract (ts-rs / tauri-specta)
// and committed, at which point this file re-exports the generated ones.

/** What `app_info` returns. */
export interface AppInfo {
  /** Version of the app (semver). */
  version: string;
  /** True when the app runs against the embedded, synthetic demo region. */
  demo: boolean;
  /** URL of the configured regional backend; null for the embedded demo backend. */
  backendUrl: string | null;
}

/**
 * How every command error crosses the boundary: a stable machine-readable `code`
 * (translated by the UI through `errors.<code>`) and a developer-facing `message`
 * that is logged, never shown.
 */
export interface BackendError {
  code: string;
  message: string;
}

/** The one interface through which the UI reaches the backend. */
export interface Backend {
  /** Which implementation this is: the Tauri shell or the browser (dev/demo). */
  readonly kind: "tauri" | "web";
  appInfo(): Promise<AppInfo>;
}
