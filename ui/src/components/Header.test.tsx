import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_SETTINGS } from "../a11y/settings";
import { initI18n } from "../i18n";
import { click, mount, type Screen as Mounted } from "../manage/testing";
import { Header } from "./Header";

describe("the compact header (phones)", () => {
  let screen: Mounted;
  beforeAll(async () => {
    await initI18n();
  });
  afterEach(() => screen.unmount());

  const render = (onNavigate = vi.fn()) => {
    screen = mount();
    screen.render(
      <Header demo={false} screen="home" onNavigate={onNavigate} a11y={DEFAULT_SETTINGS} onA11yChange={() => DEFAULT_SETTINGS} />,
    );
    return onNavigate;
  };
  const header = () => screen.container.querySelector("header")!;

  it("keeps the accessibility tools and the menu behind two labelled buttons, closed at first", () => {
    render();
    const tools = screen.byTestId("header-a11y-toggle");
    const menu = screen.byTestId("header-menu-toggle");
    expect(tools.textContent).toContain("Accessibilità");
    expect(menu.textContent).toContain("Menu");
    expect(tools.getAttribute("aria-expanded")).toBe("false");
    expect(menu.getAttribute("aria-expanded")).toBe("false");
    // Each button names the panel it opens, and the panel holds what it says.
    const toolsPanel = document.getElementById(tools.getAttribute("aria-controls")!)!;
    const menuPanel = document.getElementById(menu.getAttribute("aria-controls")!)!;
    expect(toolsPanel.querySelector('[data-testid="a11y-text-larger"]')).not.toBeNull();
    expect(menuPanel.querySelector('[data-testid="nav-manage"]')).not.toBeNull();
    expect(header().className).not.toMatch(/open/);
  });

  it("opens one panel at a time, and the menu closes once a screen is chosen", () => {
    const onNavigate = render();
    click(screen.byTestId("header-a11y-toggle"));
    expect(screen.byTestId("header-a11y-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(header().className).toContain("cup-header--a11y-open");
    click(screen.byTestId("header-menu-toggle"));
    expect(screen.byTestId("header-a11y-toggle").getAttribute("aria-expanded")).toBe("false");
    expect(screen.byTestId("header-menu-toggle").getAttribute("aria-expanded")).toBe("true");
    click(screen.byTestId("nav-manage"));
    expect(onNavigate).toHaveBeenCalledWith("manage");
    expect(screen.byTestId("header-menu-toggle").getAttribute("aria-expanded")).toBe("false");
  });
});
