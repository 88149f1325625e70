import { describe, expect, it } from "vitest";
import { BackendCallError, call, isBackendError, toBackendError, UNEXPECTED_ERROR_CODE } from "./errors";

describe("toBackendError", () => {
  it("keeps a { code, message } error as it is", () => {
    expect(toBackendError({ code: "session_expired", message: "token expired" })).toEqual({
      code: "session_expired",
      message: "token expired",
    });
  });

  it("drops extra fields", () => {
    expect(toBackendError({ code: "not_found", message: "no booking", detail: { id: 3 } })).toEqual({
      code: "not_found",
      message: "no booking",
    });
  });

  it("keeps a code whose message is missing or not a string", () => {
    expect(toBackendError({ code: "locked" })).toEqual({ code: "locked", message: "locked" });
    expect(toBackendError({ code: "locked", message: 42 })).toEqual({ code: "locked", message: "42" });
  });

  it("turns plain strings (what the IPC layer rejects with) into unexpected", () => {
    expect(toBackendError("command app_info not found")).toEqual({
      code: UNEXPECTED_ERROR_CODE,
      message: "command app_info not found",
    });
  });

  it("turns Errors into unexpected, keeping their message", () => {
    expect(toBackendError(new TypeError("boom"))).toEqual({ code: UNEXPECTED_ERROR_CODE, message: "boom" });
  });

  it("rejects codes that are not safe i18n key segments", () => {
    for (const code of ["", "a.b", "errors.generic", "with space", "1starts_with_digit", "x".repeat(65)]) {
      expect(toBackendError({ code, message: "m" }).code).toBe(UNEXPECTED_ERROR_CODE);
    }
  });

  it("handles null, undefined, numbers and circular objects", () => {
    const circular: Record<string, unknown> = {};
    circular["self"] = circular;
    for (const value of [null, undefined, 7, circular, Symbol("s")]) {
      const error = toBackendError(value);
      expect(error.code).toBe(UNEXPECTED_ERROR_CODE);
      expect(typeof error.message).toBe("string");
    }
  });

  it("accepts its own error class", () => {
    const error = new BackendCallError({ code: "hold_expired", message: "too late" });
    expect(isBackendError(error)).toBe(true);
    expect(toBackendError(error)).toEqual({ code: "hold_expired", message: "too late" });
  });
});

describe("call", () => {
  it("passes results through", async () => {
    await expect(call(() => Promise.resolve(5))).resolves.toBe(5);
  });

  it("rethrows any failure as a BackendCallError with the normalised code", async () => {
    const failing = call(() => Promise.reject({ code: "slot_taken", message: "gone" }));
    await expect(failing).rejects.toBeInstanceOf(BackendCallError);
    await expect(failing).rejects.toMatchObject({ code: "slot_taken", message: "gone" });
    await expect(call(() => Promise.reject("ipc down"))).rejects.toMatchObject({ code: UNEXPECTED_ERROR_CODE });
  });
});

describe("field and retry details", () => {
  it("keeps the field of a validation error", () => {
    expect(toBackendError({ code: "cf_check_char", message: "bad", field: "codice_fiscale" })).toEqual({
      code: "cf_check_char",
      message: "bad",
      field: "codice_fiscale",
    });
  });

  it("keeps a retry delay in either spelling, and drops malformed ones", () => {
    expect(toBackendError({ code: "too_many_attempts", message: "m", retry_after_seconds: 300 }).retryAfterSeconds).toBe(300);
    expect(toBackendError({ code: "too_many_attempts", message: "m", retryAfterSeconds: 60 }).retryAfterSeconds).toBe(60);
    expect(toBackendError({ code: "too_many_attempts", message: "m", retryAfterSeconds: "soon" })).toEqual({
      code: "too_many_attempts",
      message: "m",
    });
    expect(toBackendError({ code: "x", message: "m", field: "not a field!" })).toEqual({ code: "x", message: "m" });
  });

  it("carries them through BackendCallError", async () => {
    const failing = call(() => Promise.reject({ code: "nre_length", message: "m", field: "nre" }));
    await expect(failing).rejects.toMatchObject({ code: "nre_length", field: "nre" });
  });
});
