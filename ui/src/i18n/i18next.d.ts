import "i18next";
import type it from "./it.json";

// Translation keys are type-checked against the Italian resource file.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof it };
  }
}
