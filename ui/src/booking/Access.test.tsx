import i18next from "i18next";
import { useState } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Backend } from "../backend";
import { createWebBackend } from "../backend/web";
import { initI18n } from "../i18n";
import { click, mount, settle, type, waitFor, type Screen } from "../manage/testing";
import { Access, EMPTY_ACCESS, type AccessValues } from "./Access";
import { forgetTypedCitizen, typedCitizen } from "./typedCitizen";

// The form against the browser demo backend (no latency), one fresh backend per test.
const holder = vi.hoisted(() => ({ current: null as unknown as Backend }));

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    backend: new Proxy({} as Backend, { get: (_target, prop) => Reflect.get(holder.current, prop) as unknown }),
  };
});

// GIULIA BIANCHI (visit_p), the README's showcase citizen.
const GIULIA = { codiceFiscale: "BNCGLI85D52D612X", tessera: "80380000001234560016", nre: "0900A1123456701" };
/** Her codice fiscale with a wrong check character. */
const WRONG_CHECK = GIULIA.codiceFiscale.slice(0, 15) + (GIULIA.codiceFiscale.endsWith("A") ? "B" : "A");

function Harness({ onLoggedIn, initial = EMPTY_ACCESS }: { onLoggedIn: () => void; initial?: AccessValues }) {
  const [values, setValues] = useState<AccessValues>(initial);
  return <Access values={values} onChange={setValues} demo={false} notice={null} onLoggedIn={onLoggedIn} onShowPrivacy={vi.fn()} />;
}

describe("Access", () => {
  let screen: Screen;
  const onLoggedIn = vi.fn();
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    holder.current = createWebBackend({ delayMs: 0, online: () => true });
    forgetTypedCitizen();
    onLoggedIn.mockReset();
    screen = mount();
  });
  afterEach(async () => {
    await settle();
    screen.unmount();
  });

  const value = (testId: string) => screen.byTestId<HTMLInputElement>(testId).value;
  const fillAll = (cf: string) => {
    type(screen.byTestId("access-cf"), cf);
    type(screen.byTestId("access-tessera"), GIULIA.tessera);
    type(screen.byTestId("access-nre"), GIULIA.nre);
  };

  it("clears the codice fiscale's error as soon as the citizen corrects it, before pressing Avanti", async () => {
    screen.render(<Harness onLoggedIn={onLoggedIn} />);
    await settle();
    fillAll(WRONG_CHECK);
    click(screen.byTestId("access-consent"));
    click(screen.byTestId("access-submit"));
    const error = await waitFor(() => screen.maybe("field-error-codice_fiscale"));
    expect(error.dataset["code"]).toBe("cf_check_char");
    expect(screen.byTestId("access-cf").getAttribute("aria-invalid")).toBe("true");
    expect(screen.maybe("access-error-summary")).not.toBeNull();

    // Still wrong while typing: the message says what is wrong now.
    type(screen.byTestId("access-cf"), GIULIA.codiceFiscale.slice(0, 10));
    await waitFor(() => screen.maybe("field-error-codice_fiscale")?.dataset["code"] === "cf_length");
    // Right: the error, its summary and aria-invalid go at once.
    type(screen.byTestId("access-cf"), GIULIA.codiceFiscale);
    await waitFor(() => screen.maybe("field-error-codice_fiscale") === null);
    expect(screen.byTestId("access-cf").getAttribute("aria-invalid")).toBeNull();
    expect(screen.byTestId("access-cf").getAttribute("aria-describedby")).not.toMatch(/field-error/);
    expect(screen.maybe("access-error-summary")).toBeNull();
    expect(onLoggedIn).not.toHaveBeenCalled();
  });

  it("clears 'obbligatorio' field by field, and the consent's once ticked; adds no new error while typing", async () => {
    screen.render(<Harness onLoggedIn={onLoggedIn} />);
    await settle();
    click(screen.byTestId("access-submit"));
    await waitFor(() => screen.maybe("field-error-nre"));
    for (const field of ["codice_fiscale", "tessera", "nre", "privacy_consent"]) {
      expect(screen.maybe(`field-error-${field}`)?.dataset["code"]).toMatch(/required/);
    }

    type(screen.byTestId("access-cf"), GIULIA.codiceFiscale);
    await waitFor(() => screen.maybe("field-error-codice_fiscale") === null);
    expect(screen.maybe("field-error-tessera")).not.toBeNull();

    // A card number too short: its "obbligatorio" becomes what is wrong now.
    type(screen.byTestId("access-tessera"), GIULIA.tessera.slice(0, 8));
    await waitFor(() => screen.maybe("field-error-tessera")?.dataset["code"] === "tessera_length");
    type(screen.byTestId("access-tessera"), GIULIA.tessera);
    await waitFor(() => screen.maybe("field-error-tessera") === null);

    click(screen.byTestId("access-consent"));
    expect(screen.maybe("field-error-privacy_consent")).toBeNull();

    type(screen.byTestId("access-nre"), GIULIA.nre);
    await waitFor(() => screen.maybe("field-error-nre") === null);
    expect(screen.maybe("access-error-summary")).toBeNull();

    // Wrong again after all errors went: nothing shown until "Avanti".
    type(screen.byTestId("access-cf"), WRONG_CHECK);
    await settle();
    expect(screen.maybe("field-error-codice_fiscale")).toBeNull();
    click(screen.byTestId("access-submit"));
    await waitFor(() => screen.maybe("field-error-codice_fiscale"));
  });

  it("offers the card remembered with «Ricordami», says so, and lets the citizen use other data", async () => {
    await holder.current.loginCard({ codiceFiscale: GIULIA.codiceFiscale, tessera: GIULIA.tessera, remember: true });
    await holder.current.logout();
    screen.render(<Harness onLoggedIn={onLoggedIn} />);
    await waitFor(() => screen.maybe("access-remembered"));
    expect(value("access-cf")).toBe(GIULIA.codiceFiscale);
    expect(value("access-tessera")).toBe(GIULIA.tessera);
    expect(value("access-nre")).toBe("");
    expect(screen.byTestId("access-remembered").textContent).toMatch(/ricordati su questo dispositivo/);

    click(screen.byTestId("access-remembered-other"));
    expect(value("access-cf")).toBe("");
    expect(value("access-tessera")).toBe("");
    expect(screen.maybe("access-remembered")).toBeNull();
    expect(document.activeElement).toBe(screen.byTestId("access-cf"));
  });

  it("fills nothing when no card is remembered, and never overwrites what was typed", async () => {
    screen.render(<Harness onLoggedIn={onLoggedIn} />);
    await settle();
    expect(value("access-cf")).toBe("");
    expect(screen.maybe("access-remembered")).toBeNull();
    screen.unmount();

    await holder.current.loginCard({ codiceFiscale: GIULIA.codiceFiscale, tessera: GIULIA.tessera, remember: true });
    screen = mount();
    screen.render(<Harness onLoggedIn={onLoggedIn} initial={{ ...EMPTY_ACCESS, codiceFiscale: "RSS" }} />);
    await settle();
    expect(value("access-cf")).toBe("RSS");
    expect(value("access-tessera")).toBe("");
    expect(screen.maybe("access-remembered")).toBeNull();
  });

  it("keeps the card of a successful access for GESTISCI, in memory (a failed one is not kept)", async () => {
    screen.render(<Harness onLoggedIn={onLoggedIn} />);
    await settle();
    fillAll(WRONG_CHECK);
    click(screen.byTestId("access-consent"));
    click(screen.byTestId("access-submit"));
    await waitFor(() => screen.maybe("field-error-codice_fiscale"));
    expect(typedCitizen()).toBeNull();

    type(screen.byTestId("access-cf"), GIULIA.codiceFiscale.toLowerCase());
    click(screen.byTestId("access-submit"));
    await waitFor(() => onLoggedIn.mock.calls.length > 0);
    expect(typedCitizen()).toEqual({ codiceFiscale: GIULIA.codiceFiscale, tessera: GIULIA.tessera });
  });
});
