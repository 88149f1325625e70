import { describe, expect, it as test } from "vitest";
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
