import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useKiosk } from "../kiosk/context";

/**
 * The Regione Toscana services the portal links from its home page, and ZeroCode for the
 * laboratory tests the CUP does not book. The app opens them in the system browser, never in
 * its own window: src-tauri/src/external_links.rs allows exactly these hosts (https only), and
 * its test reads this file to keep the two lists together.
 */
export const EXTERNAL_LINKS = {
  // Verified: the regional booking service for blood samples and laboratory tests (Regione
  // Toscana / ASL press releases, 2020-2023: "https://zerocode.sanita.toscana.it/").
  zerocode: "https://zerocode.sanita.toscana.it/",
  // Verified: the Fascicolo Sanitario Elettronico's address as ASL Toscana sud est gives it
  // ("fascicolosanitario.regione.toscana.it").
  fse: "https://fascicolosanitario.regione.toscana.it/",
  // UNVERIFIED deep link: the Borsellino Celiachia (the monthly budget for gluten-free food) is
  // consulted inside the Fascicolo Sanitario and the Toscana Salute app (press, 2021); the
  // seed's own link target is not known, so the Fascicolo's address is used.
  celiachia: "https://fascicolosanitario.regione.toscana.it/",
  // UNVERIFIED path: the Toscana Salute app's page on the Region's site.
  toscanaSalute: "https://www.regione.toscana.it/toscanasalute",
} as const;

export type ExternalService = keyof typeof EXTERNAL_LINKS;

/** "zerocode.sanita.toscana.it": what a kiosk shows instead of a link it cannot open. */
export function displayAddress(href: string): string {
  const url = new URL(href);
  return `${url.host}${url.pathname === "/" ? "" : url.pathname}`;
}

/**
 * A link to another site, clearly marked: an "opens outside" icon and, for screen readers,
 * "(apre un sito esterno)". It opens in the system browser (a new window's request, which the
 * app hands to the desktop). A kiosk opens nothing outside the app: it shows the address as
 * text, to be noted down.
 */
export function ExternalLink({
  service,
  children,
  className,
  testId,
}: {
  service: ExternalService;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const href = EXTERNAL_LINKS[service];
  if (kiosk !== null) {
    return (
      <span className={className} data-testid={testId}>
        {children} ({t("external.address", { address: displayAddress(href) })})
      </span>
    );
  }
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer external"
      className={className === undefined ? "cup-external" : `cup-external ${className}`}
      data-testid={testId}
      data-external="true"
    >
      {children}{" "}
      <svg className="cup-external__icon" width="1em" height="1em" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M14 3v2h3.6l-9.3 9.3 1.4 1.4L19 6.4V10h2V3h-7zM5 5h6v2H7v10h10v-4h2v6H5V5z"
        />
      </svg>
      <span className="visually-hidden"> {t("external.opensExternal")}</span>
    </a>
  );
}
