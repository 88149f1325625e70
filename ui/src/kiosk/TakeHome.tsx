import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { backend, toBackendError, type BackendError } from "../backend";
import { errorText } from "../i18n/errors";
import { useKiosk } from "./context";

type Printing = { state: "idle" } | { state: "busy" } | { state: "done" } | { state: "failed"; error: BackendError };

/**
 * On a kiosk's success screen: the booking taken home without paper (a QR code with the CUP
 * number only, for the citizen's phone) or on paper (the promemoria printed, when the kiosk
 * has a printer). Nothing outside a kiosk.
 */
export function KioskTakeHome({ cupNumber }: { cupNumber: string }) {
  const kiosk = useKiosk();
  const { t, i18n } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const [printing, setPrinting] = useState<Printing>({ state: "idle" });

  useEffect(() => {
    if (kiosk === null) return;
    let live = true;
    backend.kioskQr(cupNumber).then(
      (svg) => {
        if (live) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      (thrown: unknown) => console.warn("kiosk_qr failed", toBackendError(thrown).code),
    );
    return () => {
      live = false;
    };
  }, [kiosk, cupNumber]);

  if (kiosk === null) return null;

  const print = () => {
    if (printing.state === "busy") return;
    setPrinting({ state: "busy" });
    backend.kioskPrintPromemoria(cupNumber, i18n.language).then(
      () => setPrinting({ state: "done" }),
      (thrown: unknown) => setPrinting({ state: "failed", error: toBackendError(thrown) }),
    );
  };

  return (
    <section className="cup-card cup-kiosk-takehome" aria-labelledby="kiosk-takehome-title" data-testid="kiosk-takehome">
      <h2 id="kiosk-takehome-title" className="cup-card__title">
        {t("kiosk.takeHome.title")}
      </h2>
      <div className="cup-kiosk-takehome__body">
        {qr !== null && (
          <figure className="cup-kiosk-takehome__qr">
            <img src={qr} alt={t("kiosk.takeHome.qrAlt", { number: cupNumber })} data-testid="kiosk-qr" width={220} height={220} />
            <figcaption>{t("kiosk.takeHome.qrHint")}</figcaption>
          </figure>
        )}
        {kiosk.printer && (
          <div className="cup-kiosk-takehome__print">
            <p>{t("kiosk.takeHome.printIntro")}</p>
            <button
              type="button"
              className="btn btn-primary btn-lg"
              data-testid="kiosk-print"
              aria-disabled={printing.state === "busy"}
              onClick={print}
            >
              {printing.state === "busy" ? t("kiosk.takeHome.printing") : t("kiosk.takeHome.print")}
            </button>
            <div role="status" data-testid="kiosk-print-status" data-state={printing.state}>
              {printing.state === "done" && <p className="cup-alert cup-alert--info">{t("kiosk.takeHome.printed")}</p>}
            </div>
            {printing.state === "failed" && (
              <p className="cup-alert cup-alert--danger" role="alert" data-testid="kiosk-print-error" data-code={printing.error.code}>
                {errorText(printing.error)}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
