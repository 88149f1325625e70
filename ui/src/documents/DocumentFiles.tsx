import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAnnounce } from "../a11y/Announcer";
import { backend, isTauri, type BackendError, type BookingFilesView, type DocumentKind } from "../backend";
import { asError, ErrorNotice } from "../booking/parts";
import { useKiosk } from "../kiosk/context";
import { uiLang } from "../reminders/language";
import "./documents.css";

type FileKind = Exclude<DocumentKind, "folder">;

const KINDS: readonly FileKind[] = ["promemoria", "payment", "calendar", "archive"];

/**
 * The device keeps no documents (a kiosk: it has its own "take home", QR code and printing):
 * then this section is not shown at all.
 */
const NOT_HERE = new Set(["documents_off"]);

/**
 * "Scarica il promemoria", "Modulo di pagamento" (only when there is something to pay),
 * "Aggiungi al calendario", "Scarica tutti i documenti": each writes the file on this device
 * (again), opens it with the system's viewer and says it was saved in the app's documents —
 * never a file path on screen —, with "Apri la cartella dei documenti" to see them in the
 * system's file manager (only in the app: a browser has no files to show).
 */
export function DocumentFiles(props: { cupNumber: string; headingLevel?: 2 | 3 }) {
  // A kiosk keeps no files and has its own "take home" (QR code, printing).
  return useKiosk() === null ? <Files {...props} /> : null;
}

function Files({ cupNumber, headingLevel = 2 }: { cupNumber: string; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const titleId = useId();
  const lang = uiLang(i18n.language);
  const [files, setFiles] = useState<BookingFilesView | null>(null);
  const [loadError, setLoadError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState<DocumentKind | null>(null);
  const [opened, setOpened] = useState<{ kind: DocumentKind; path: string } | null>(null);
  const canOpenFolder = isTauri();
  const [openError, setOpenError] = useState<BackendError | null>(null);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    backend.bookingFiles(cupNumber, lang).then(
      (value) => {
        if (live) setFiles(value);
      },
      (thrown: unknown) => {
        if (live) setLoadError(asError(thrown));
      },
    );
    return () => {
      live = false;
    };
  }, [cupNumber, lang]);

  const open = (kind: DocumentKind) => {
    if (busy !== null) return;
    setBusy(kind);
    setOpenError(null);
    setOpened(null);
    backend.openBookingFile(cupNumber, kind, lang).then(
      (path) => {
        setBusy(null);
        setOpened({ kind, path });
        announce(kind === "folder" ? t("documents.folderOpened") : t("documents.opened", { document: t(`documents.kind.${kind}`) }));
      },
      (thrown: unknown) => {
        setBusy(null);
        setOpenError(asError(thrown));
      },
    );
  };

  if (loadError !== null && NOT_HERE.has(loadError.code)) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const kinds = KINDS.filter((kind) => kind !== "payment" || files?.payment !== null);

  return (
    <section className="cup-card cup-documents" aria-labelledby={titleId} data-testid="documents-files">
      <Heading id={titleId} className="cup-card__title">
        {t("documents.title")}
      </Heading>
      <p>{t("documents.intro")}</p>
      <div className="cup-documents__actions">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className={kind === "promemoria" ? "btn btn-primary" : "btn btn-outline-primary"}
            data-testid={`doc-${kind}`}
            aria-disabled={busy !== null}
            onClick={() => open(kind)}
          >
            {busy === kind ? t("documents.opening") : t(`documents.${kind}`)}
          </button>
        ))}
      </div>
      {files?.payment === null && <p data-testid="doc-no-payment">{t("documents.noPayment")}</p>}
      {files === null && loadError === null && (
        <p className="cup-field__hint" role="status">
          {t("documents.preparing")}
        </p>
      )}
      {loadError !== null && <ErrorNotice error={loadError} testId="doc-error" />}
      {openError !== null && <ErrorNotice error={openError} testId="doc-error" />}
      <div aria-live="polite" data-testid="doc-status">
        {opened !== null && (
          <p
            className="cup-alert cup-alert--success"
            data-testid="doc-opened"
            data-kind={opened.kind}
            // For the tests only: an attribute, not text: no file path is read or shown.
            data-path={opened.path}
          >
            {opened.kind === "folder"
              ? t("documents.folderOpened")
              : `${t("documents.opened", { document: t(`documents.kind.${opened.kind}`) })} ${t("documents.saved")}`}
          </p>
        )}
      </div>
      {files !== null && (
        <div className="cup-documents__where" data-testid="doc-folder" data-path={files.folder}>
          <p className="cup-field__hint">{t("documents.savedHere")}</p>
          {canOpenFolder && (
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              data-testid="doc-open-folder"
              aria-disabled={busy !== null}
              onClick={() => open("folder")}
            >
              {busy === "folder" ? t("documents.openingFolder") : t("documents.openFolder")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
