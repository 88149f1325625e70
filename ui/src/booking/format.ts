// Pure formatting helpers: dates the Italian way in Europe/Rome, euro amounts, the hold
// countdown. No i18n strings here: callers compose the words from the translations.

export const TIME_ZONE = "Europe/Rome";

function locale(language: string): string {
  return language === "en" ? "en-GB" : "it-IT";
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale(language), options);
    cache.set(key, format);
  }
  return format;
}

/** "mer 24 apr 2024" for an instant, in Europe/Rome. */
export function formatDay(instant: string | Date, language: string): string {
  return dateFormat(language, {
    timeZone: TIME_ZONE,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  })
    .format(new Date(instant))
    .replace(/,/g, "");
}

/** "10:00" for an instant, in Europe/Rome (24-hour clock). */
export function formatTime(instant: string | Date, language: string): string {
  return dateFormat(language, { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(instant),
  );
}

/** "14 giugno 2023" for a calendar date ("YYYY-MM-DD", no time zone). */
export function formatCalendarDate(date: string, language: string): string {
  return dateFormat(language, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "13/07/1968" for a calendar date. */
export function formatShortDate(date: string, language: string): string {
  return dateFormat(language, { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "aprile 2024" for a "YYYY-MM" month. */
export function formatMonth(month: string, language: string): string {
  return dateFormat(language, { timeZone: "UTC", month: "long", year: "numeric" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** The Europe/Rome calendar day ("YYYY-MM-DD") of an instant. */
export function romeDayKey(instant: string | Date): string {
  const parts = dateFormat("it", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    new Date(instant),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** "38,00 €" (Italian) or "€38.00" (English) from cents. */
export function formatEuro(cents: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** "2,4 km" / "2.4 km". */
export function formatKm(km: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(km);
}

/**
 * Milliseconds left on a hold, trusting the server's clock: the server said `expiresAt` when
 * its clock read `serverTime`, and we received that answer at local time `receivedAt`.
 * Local time elapsed since then is subtracted; a skewed local clock does not matter.
 */
export function holdRemainingMs(expiresAt: string, serverTime: string, receivedAt: number, now: number): number {
  const total = Date.parse(expiresAt) - Date.parse(serverTime);
  if (!Number.isFinite(total)) return 0;
  return Math.max(0, total - Math.max(0, now - receivedAt));
}

/** "07:09" from milliseconds (rounded up to the second, so 0 appears only at the end). */
export function formatMmSs(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const mm = Math.floor(seconds / 60);
  const ss = seconds % 60;
  return `${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}`;
}
