// The codice fiscale and card number typed in PRENOTA, kept in memory for this app session
// only, so that GESTISCI can offer them without the citizen typing them again. Never written
// to any storage; forgotten at a kiosk reset (see ../kiosk/reset.ts) and when the citizen
// leaves GESTISCI with "Esci".

export interface TypedCitizen {
  codiceFiscale: string;
  tessera: string;
}

let typed: TypedCitizen | null = null;

/** Keeps the card of a successful PRENOTA access (as sent: capitals, no spaces). */
export function rememberTypedCitizen(card: TypedCitizen): void {
  typed = { codiceFiscale: card.codiceFiscale, tessera: card.tessera };
}

/** The card typed in this session, if any. */
export function typedCitizen(): TypedCitizen | null {
  return typed === null ? null : { ...typed };
}

/** Whether `card` is exactly the card typed in this session (so: filled by us, not by the citizen). */
export function isTypedCitizen(card: TypedCitizen): boolean {
  return typed !== null && card.codiceFiscale === typed.codiceFiscale && card.tessera === typed.tessera;
}

export function forgetTypedCitizen(): void {
  typed = null;
}

/**
 * The form's values filled with the typed card, when both of its fields are still empty;
 * null when there is nothing to fill (nothing typed, or the citizen already wrote something).
 */
export function prefillTyped<T extends TypedCitizen>(values: T): T | null {
  if (typed === null || values.codiceFiscale !== "" || values.tessera !== "") return null;
  return { ...values, codiceFiscale: typed.codiceFiscale, tessera: typed.tessera };
}
