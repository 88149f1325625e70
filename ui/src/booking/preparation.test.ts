import { describe, expect, it } from "vitest";
import { preparationText } from "./preparation";

const fasting = {
  preparation: "Presentarsi a digiuno da almeno 6 ore.",
  preparation_en: "Come fasting: nothing to eat for at least 6 hours before.",
};

describe("preparation notes in the citizen's language", () => {
  it("gives the English notes in English and the Italian ones in Italian", () => {
    expect(preparationText(fasting, "en")).toBe("Come fasting: nothing to eat for at least 6 hours before.");
    expect(preparationText(fasting, "en-GB")).toBe("Come fasting: nothing to eat for at least 6 hours before.");
    expect(preparationText(fasting, "it")).toBe("Presentarsi a digiuno da almeno 6 ore.");
  });

  it("falls back to the Italian notes when there is no translation (a catalogue loaded before)", () => {
    expect(preparationText({ ...fasting, preparation_en: "  " }, "en")).toBe("Presentarsi a digiuno da almeno 6 ore.");
  });

  it("is empty when there is nothing to prepare", () => {
    expect(preparationText({ preparation: "", preparation_en: "" }, "en")).toBe("");
    expect(preparationText({ preparation: " ", preparation_en: "" }, "it")).toBe("");
  });
});
