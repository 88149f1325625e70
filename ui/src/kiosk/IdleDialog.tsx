import { useTranslation } from "react-i18next";
import { ChoiceDialog } from "../components/ChoiceDialog";

/**
 * "Sei ancora lì?": a modal alert dialog with the seconds left before the kiosk resets. The
 * focus moves into it (on "Sì, continuo") and stays there; Escape also means "continuo".
 */
export function IdleDialog({ remaining, onStay, onLeave }: { remaining: number; onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceDialog
      variant="cup-kiosk-dialog"
      testId="kiosk-idle-dialog"
      title={t("kiosk.idle.title")}
      body={t("kiosk.idle.body", { count: remaining })}
      extra={
        <p className="cup-kiosk-dialog__count" aria-hidden="true" data-testid="kiosk-idle-count">
          {remaining}
        </p>
      }
      stay={{ label: t("kiosk.idle.stay"), testId: "kiosk-idle-stay", onChoose: onStay }}
      leave={{ label: t("kiosk.idle.leave"), testId: "kiosk-idle-leave", onChoose: onLeave }}
    />
  );
}
