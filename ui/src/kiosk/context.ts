import { createContext, useContext } from "react";

/** What the screens may know of the kiosk they run on (null: not a kiosk). */
export interface KioskInfo {
  /** A printer is configured: offer "Stampa il promemoria". */
  printer: boolean;
}

export const KioskContext = createContext<KioskInfo | null>(null);

export function useKiosk(): KioskInfo | null {
  return useContext(KioskContext);
}
