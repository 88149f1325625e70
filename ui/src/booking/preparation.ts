import type { ServiceView } from "../backend";

/**
 * A service's preparation notes in the UI's language: the English ones when the language is
 * English and the catalogue has them, the Italian ones otherwise (a catalogue loaded before
 * the English notes existed has none). "" when there is nothing to prepare.
 */
export function preparationText(service: Pick<ServiceView, "preparation" | "preparation_en">, language: string): string {
  const italian = service.preparation.trim();
  const english = service.preparation_en.trim();
  return language.toLowerCase().startsWith("en") && english !== "" ? english : italian;
}
