import i18next from "i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initI18n } from "../i18n";
import { click, mount, waitFor, type Screen } from "../manage/testing";
import { AccessibilityToolbar } from "./AccessibilityToolbar";
import { DEFAULT_SETTINGS, applySettings } from "./settings";
import { useA11ySettings } from "./useA11ySettings";

function Toolbar() {
  const [settings, update] = useA11ySettings();
  return <AccessibilityToolbar settings={settings} onChange={update} />;
}

describe("AccessibilityToolbar: text size", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    localStorage.clear();
    screen = mount();
    screen.render(<Toolbar />);
  });
  afterEach(() => {
    screen.unmount();
    localStorage.clear();
    applySettings(DEFAULT_SETTINGS);
  });

  const value = () => screen.byTestId("a11y-text-value").textContent;
  const active = (testId: string) => screen.byTestId(testId).dataset["active"] === "true";

  it("shows the current size between A- and A+ and marks the button it follows", async () => {
    expect(value()).toBe("100%");
    expect(screen.byTestId("a11y-text-reset").getAttribute("aria-pressed")).toBe("true");
    expect(active("a11y-text-larger")).toBe(false);

    click(screen.byTestId("a11y-text-larger"));
    click(screen.byTestId("a11y-text-larger"));
    expect(value()).toBe("140%");
    expect(active("a11y-text-larger")).toBe(true);
    expect(active("a11y-text-smaller")).toBe(false);
    expect(screen.byTestId("a11y-text-reset").getAttribute("aria-pressed")).toBe("false");
    await waitFor(() => screen.byTestId("announcer").textContent?.includes("Dimensione testo al 140%"));
    // Between the two buttons, in reading order.
    const order = [...screen.container.querySelectorAll("[data-testid^='a11y-text-']")].map((e) => e.getAttribute("data-testid"));
    expect(order.indexOf("a11y-text-value")).toBe(order.indexOf("a11y-text-smaller") + 1);
    expect(order.indexOf("a11y-text-larger")).toBe(order.indexOf("a11y-text-value") + 1);

    click(screen.byTestId("a11y-text-reset"));
    click(screen.byTestId("a11y-text-smaller"));
    expect(value()).toBe("80%");
    expect(active("a11y-text-smaller")).toBe(true);
    expect(active("a11y-text-larger")).toBe(false);
  });
});
