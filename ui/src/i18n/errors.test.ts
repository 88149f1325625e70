import { beforeAll, describe, expect, it } from "vitest";
import i18next from "i18next";
import { errorMessageKey, errorText } from "./errors";
import { initI18n } from "./index";

describe("errorMessageKey", () => {
  beforeAll(async () => {
    await initI18n();
  });

  it("uses errors.<code> when it is translated", () => {
    expect(errorMessageKey({ code: "unexpected" })).toBe("errors.unexpected");
  });

  it("falls back to the generic message for unknown codes", () => {
    expect(errorMessageKey({ code: "no_such_code" })).toBe("errors.generic");
  });
});

describe("errorText", () => {
  beforeAll(async () => {
    await initI18n();
    await i18next.changeLanguage("it");
  });

  it("translates domain codes into sentences naming the field", () => {
    expect(errorText({ code: "cf_check_char", field: "codice_fiscale" })).toMatch(/Codice Fiscale/);
    expect(errorText({ code: "tessera_prefix", field: "tessera" })).toMatch(/80380/);
  });

  it("gives the generic authentication message without saying which factor is wrong", () => {
    const text = errorText({ code: "authentication_failed" });
    expect(text).toMatch(/^I dati inseriti non corrispondono/);
  });

  it("says how many minutes to wait when known, and 'a few' otherwise", () => {
    expect(errorText({ code: "too_many_attempts", retryAfterSeconds: 290 })).toMatch(/5 minuti/);
    expect(errorText({ code: "too_many_attempts", retryAfterSeconds: 30 })).toMatch(/1 minuto /);
    expect(errorText({ code: "too_many_attempts" })).toMatch(/qualche minuto/);
  });

  it("falls back to the generic message, or to 'data not valid' for an unknown field error", () => {
    expect(errorText({ code: "brand_new_code" })).toBe(i18next.t("errors.generic"));
    expect(errorText({ code: "brand_new_code", field: "nre" })).toBe(i18next.t("errors.invalid_input"));
  });

  it("never shows the raw code or message", () => {
    for (const code of ["unavailable", "session_expired", "hold_expired", "slot_unavailable", "not_bookable", "zzz"]) {
      const text = errorText({ code });
      expect(text).not.toContain(code);
      expect(text.length).toBeGreaterThan(20);
    }
  });

  it("has an English sentence for the same codes", async () => {
    await i18next.changeLanguage("en");
    expect(errorText({ code: "cf_check_char", field: "codice_fiscale" })).toMatch(/tax code/);
    expect(errorText({ code: "too_many_attempts", retryAfterSeconds: 120 })).toMatch(/2 minutes/);
    await i18next.changeLanguage("it");
  });
});
