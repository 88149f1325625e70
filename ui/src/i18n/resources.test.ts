import { describe, expect, it as test } from "vitest";
import generated from "../backend/generated/ErrorCode.ts?raw";
import en from "./en.json";
import it from "./it.json";

/** Every leaf of a resource tree as [dotted key, value]. */
function leaves(tree: unknown, prefix = ""): [string, unknown][] {
  if (typeof tree !== "object" || tree === null || Array.isArray(tree)) return [[prefix, tree]];
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix === "" ? key : `${prefix}.${key}`));
}

const resources = { it, en } as const;

describe("translation resources", () => {
  test("it.json and en.json have exactly the same keys", () => {
    const itKeys = leaves(it).map(([key]) => key).sort();
    const enKeys = leaves(en).map(([key]) => key).sort();
    expect(enKeys).toEqual(itKeys);
  });

  for (const [language, tree] of Object.entries(resources)) {
    test(`${language}.json has only non-empty strings`, () => {
      const bad = leaves(tree).filter(([, value]) => typeof value !== "string" || value.trim() === "");
      expect(bad).toEqual([]);
    });
  }

  test("interpolation placeholders match between languages", () => {
    const placeholders = (value: unknown) => String(value).match(/\{\{\s*\w+\s*\}\}/g)?.sort() ?? [];
    const enByKey = new Map(leaves(en));
    const mismatched = leaves(it).filter(
      ([key, value]) => JSON.stringify(placeholders(value)) !== JSON.stringify(placeholders(enByKey.get(key))),
    );
    expect(mismatched).toEqual([]);
  });

  test("the generic error message exists", () => {
    expect(it.errors.generic).toBeTruthy();
    expect(en.errors.generic).toBeTruthy();
  });
});

describe("every error code the backend can send has a sentence", () => {
  // The API's codes, read from the generated contract so that a new code fails this test.
  const apiCodes = [...generated.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
  // The domain's validation codes and the app's own (cup-client, src-tauri).
  const otherCodes = [
    "cf_length", "cf_format", "cf_month", "cf_day", "cf_date", "cf_check_char", "cf_belfiore",
    "cf_name_code", "cf_surname_code", "tessera_length", "tessera_format", "tessera_prefix",
    "tessera_check_digit", "nre_length", "nre_format", "nre_region",
    "unreachable", "timeout", "invalid_response", "invalid_url", "unexpected",
  ];

  test("the generated ErrorCode list was read", () => {
    expect(apiCodes).toContain("slot_unavailable");
  });

  for (const [language, tree] of Object.entries(resources)) {
    test(`${language}.json translates them all`, () => {
      const errors = tree.errors as Record<string, string>;
      const missing = [...apiCodes, ...otherCodes].filter((code) => errors[code] === undefined);
      expect(missing).toEqual([]);
    });
  }
});
