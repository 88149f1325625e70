import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "./Announcer";
import {
  TEXT_SIZE,
  ZOOM,
  textLarger,
  textReset,
  textSizeLevel,
  textSmaller,
  toggleContrast,
  zoomIn,
  zoomOut,
  type A11ySettings,
} from "./settings";
import type { A11yChange } from "./useA11ySettings";
// The marked text-size button (data-active); see the file for why it lives there.
import "../styles/calendar.css";

interface Props {
  settings: A11ySettings;
  /** Applies a change to the latest settings and returns the new ones. */
  onChange: (change: A11yChange) => A11ySettings;
}

/**
 * "Contrasto elevato / Zoom / Dimensione testo", as on the region's portal.
 * Limits use aria-disabled rather than disabled, so that keyboard focus stays on a button
 * that reaches its limit; pressing it again just repeats the current value.
 */
export function AccessibilityToolbar({ settings, onChange }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const zoomLabel = useId();
  const textLabel = useId();

  const apply = (change: A11yChange, message: (next: A11ySettings) => string) => {
    announce(message(onChange(change)));
  };
  const announceZoom = (n: A11ySettings) => t("a11y.zoomAnnounce", { value: n.zoom });
  const announceText = (n: A11ySettings) => t("a11y.textAnnounce", { value: n.textSize });
  const level = textSizeLevel(settings);

  return (
    <section className="cup-a11y-bar" aria-label={t("a11y.toolbarLabel")}>
      <div className="container cup-a11y-bar__content">
        <button
          type="button"
          className="cup-tool cup-tool--toggle"
          aria-pressed={settings.highContrast}
          data-testid="a11y-contrast"
          onClick={() => apply(toggleContrast, (n) => t(n.highContrast ? "a11y.contrastOn" : "a11y.contrastOff"))}
        >
          <span className="cup-tool__switch" aria-hidden="true" />
          {t("a11y.contrast")}
        </button>

        <div className="cup-tool-group" role="group" aria-labelledby={zoomLabel}>
          <span id={zoomLabel} className="cup-tool-group__label">
            {t("a11y.zoom")}
          </span>
          <span className="cup-tool-group__buttons">
            <button
              type="button"
              className="cup-tool"
              data-testid="a11y-zoom-out"
              aria-disabled={settings.zoom <= ZOOM.min}
              onClick={() => apply(zoomOut, announceZoom)}
            >
              <span aria-hidden="true">−</span>
              <span className="visually-hidden">{t("a11y.zoomOut")}</span>
            </button>
            <span className="cup-tool-group__value">{t("a11y.zoomValue", { value: settings.zoom })}</span>
            <button
              type="button"
              className="cup-tool"
              data-testid="a11y-zoom-in"
              aria-disabled={settings.zoom >= ZOOM.max}
              onClick={() => apply(zoomIn, announceZoom)}
            >
              <span aria-hidden="true">+</span>
              <span className="visually-hidden">{t("a11y.zoomIn")}</span>
            </button>
          </span>
        </div>

        <div className="cup-tool-group" role="group" aria-labelledby={textLabel}>
          <span id={textLabel} className="cup-tool-group__label">
            {t("a11y.textSize")}
          </span>
          <span className="cup-tool-group__buttons">
            <button
              type="button"
              className="cup-tool cup-tool--small-a"
              data-testid="a11y-text-smaller"
              data-active={level === "smaller"}
              aria-disabled={settings.textSize <= TEXT_SIZE.min}
              onClick={() => apply(textSmaller, announceText)}
            >
              A-<span className="visually-hidden"> {t("a11y.textSmaller")}</span>
            </button>
            {/* The current size, always in sight (as the zoom's), between A- and A+. */}
            <span
              className="cup-tool-group__value cup-tool-group__value--text"
              data-testid="a11y-text-value"
              data-level={level}
            >
              {t("a11y.textValue", { value: settings.textSize })}
            </span>
            <button
              type="button"
              className="cup-tool cup-tool--large-a"
              data-testid="a11y-text-larger"
              data-active={level === "larger"}
              aria-disabled={settings.textSize >= TEXT_SIZE.max}
              onClick={() => apply(textLarger, announceText)}
            >
              A+<span className="visually-hidden"> {t("a11y.textLarger")}</span>
            </button>
            <button
              type="button"
              className="cup-tool"
              data-testid="a11y-text-reset"
              aria-pressed={level === "normal"}
              onClick={() => apply(textReset, announceText)}
            >
              A<span className="visually-hidden"> {t("a11y.textReset")}</span>
            </button>
          </span>
        </div>
      </div>
    </section>
  );
}
