import { beforeAll, describe, expect, it } from "vitest";
import { errorMessageKey } from "./errors";
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
