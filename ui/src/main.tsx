import "bootstrap-italia/dist/css/bootstrap-italia.min.css";
import "@fontsource/titillium-web/400.css";
import "@fontsource/titillium-web/600.css";
import "@fontsource/titillium-web/700.css";
import "./styles/app.css";
import "./styles/booking.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { applySettings, loadSettings } from "./a11y/settings";
import { nativePageZoom } from "./backend/zoom";
import { App } from "./App";
import { initI18n } from "./i18n";
import { syncBackendLanguage } from "./reminders/language";

// Apply the remembered contrast/zoom/text size before the first paint.
applySettings(loadSettings(), document.documentElement, nativePageZoom);

const container = document.getElementById("root");
if (container === null) throw new Error("#root missing from index.html");

void initI18n().then(() => {
  syncBackendLanguage();
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
