import type { TFunction } from "i18next";
import type { LeadTime } from "../backend";

const two = (n: number) => String(n).padStart(2, "0");

/** "Il giorno prima alle 18:00", "2 ore prima", "45 minuti prima". */
export function describeLeadTime(lead: LeadTime, t: TFunction): string {
  if (lead.kind === "days_before_at") {
    const time = `${two(lead.hour)}:${two(lead.minute)}`;
    if (lead.days === 0) return t("reminders.describe.sameDay", { time });
    if (lead.days === 1) return t("reminders.describe.dayBefore", { time });
    return t("reminders.describe.daysBefore", { count: lead.days, time });
  }
  if (lead.minutes % 60 === 0) return t("reminders.describe.hoursBefore", { count: lead.minutes / 60 });
  return t("reminders.describe.minutesBefore", { count: lead.minutes });
}
