// Page zoom of the app's own webview. Inside Tauri the toolbar's zoom is the engine's page zoom
// (like a browser's Ctrl +): the layout viewport shrinks with it, so media queries and the
// grid reflow as WCAG 1.4.10 expects. CSS `zoom` does not do that in WebKitGTK (media queries
// keep seeing the full width), so it is only the fallback of a plain browser.
import { getCurrentWebview } from "@tauri-apps/api/webview";

export type PageZoom = (factor: number) => Promise<void>;

/** The webview's native zoom inside Tauri; `null` in a plain browser. */
export const nativePageZoom: PageZoom | null =
  typeof window !== "undefined" && "__TAURI_INTERNALS__" in window
    ? (factor) => getCurrentWebview().setZoom(factor)
    : null;
