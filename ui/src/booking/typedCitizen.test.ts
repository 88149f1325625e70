import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { initI18n } from "../i18n";
import { forgetUiState } from "../kiosk/reset";
import { forgetTypedCitizen, prefillTyped, rememberTypedCitizen, typedCitizen } from "./typedCitizen";

// GIULIA BIANCHI (visit_p), the README's showcase citizen.
const GIULIA = { codiceFiscale: "BNCGLI85D52D612X", tessera: "80380000001234560016" };
const EMPTY = { codiceFiscale: "", tessera: "", remember: false };

describe("typedCitizen", () => {
  beforeAll(async () => {
    await initI18n();
  });
  afterEach(() => forgetTypedCitizen());

  it("holds nothing until a PRENOTA access succeeds", () => {
    expect(typedCitizen()).toBeNull();
    expect(prefillTyped(EMPTY)).toBeNull();
  });

  it("gives GESTISCI's empty form the card just typed, keeping the form's other fields", () => {
    rememberTypedCitizen(GIULIA);
    expect(typedCitizen()).toEqual(GIULIA);
    expect(prefillTyped(EMPTY)).toEqual({ ...GIULIA, remember: false });
  });

  it("never overwrites what the citizen already wrote", () => {
    rememberTypedCitizen(GIULIA);
    expect(prefillTyped({ ...EMPTY, codiceFiscale: "R" })).toBeNull();
    expect(prefillTyped({ ...EMPTY, tessera: "8" })).toBeNull();
  });

  it("is not changed through what it answers, and is gone once forgotten", () => {
    rememberTypedCitizen(GIULIA);
    const copy = typedCitizen();
    if (copy !== null) copy.codiceFiscale = "changed";
    expect(typedCitizen()).toEqual(GIULIA);
    forgetTypedCitizen();
    expect(typedCitizen()).toBeNull();
  });

  it("is forgotten at a kiosk reset", async () => {
    rememberTypedCitizen(GIULIA);
    await forgetUiState();
    expect(typedCitizen()).toBeNull();
  });

  it("is never written to web storage", () => {
    localStorage.clear();
    sessionStorage.clear();
    rememberTypedCitizen(GIULIA);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });
});
