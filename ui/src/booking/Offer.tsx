import { useEffect, useId, useMemo, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { backend, type BackendError, type Offer as OfferT, type SearchScope, type ServiceView } from "../backend";
import { PAGE_TITLE_ID } from "../screens/routes";
import { AvailabilityCalendar } from "./AvailabilityCalendar";
import { formatDay, formatKm, formatTime, romeDayKey } from "./format";
import { ErrorNotice, FacilityLines, InfoNotice, Loading, useLoad, useWhen } from "./parts";
import { usePriorityLabel } from "./Prescription";

/** What the citizen chose on the offer screen: kept when a hold expires or a slot is taken. */
export interface OfferChoice {
  line: number;
  scope: SearchScope;
  month: string | null;
  day: string | null;
  facilityId: number | null;
}

const FIRST_LIMIT = 5;

/** Step 3: first available list, month calendar, wider zone, site and time. */
export function Offer({
  nre,
  service,
  choice,
  onChoice,
  onChooseOffer,
  holding,
  notice,
  refreshKey,
  onBack,
  onFatal,
  reschedule = null,
  backLabel,
  intro,
}: {
  nre: string;
  service: ServiceView | null;
  choice: OfferChoice;
  onChoice: (choice: OfferChoice) => void;
  onChooseOffer: (offer: OfferT) => void;
  holding: boolean;
  notice: BackendError | null;
  refreshKey: number;
  onBack: () => void;
  onFatal: (error: BackendError) => boolean;
  /** When moving a booking (spostamento): its CUP number, sent with every availability query. */
  reschedule?: string | null;
  /** The back button's text (default: back to the prescription). */
  backLabel?: string;
  /** Shown under the title (e.g. which booking is being moved). */
  intro?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  const priority = usePriorityLabel();
  const calendarHelpId = useId();
  const { line, scope, day, facilityId } = choice;
  const moving = reschedule === null ? {} : { reschedule };

  const first = useLoad(
    () => backend.availability(nre, { line, scope, limit: FIRST_LIMIT, ...moving }),
    [nre, line, scope, refreshKey, reschedule],
    onFatal,
  );
  const firstOffer = first.data?.offers[0];
  const month = choice.month ?? (firstOffer !== undefined ? romeDayKey(firstOffer.starts_at).slice(0, 7) : null);
  const calendar = useLoad(
    month === null ? null : () => backend.calendar(nre, { line, scope, month, ...moving }),
    [nre, line, scope, month, refreshKey, reschedule],
    onFatal,
  );
  const dayOffers = useLoad(
    day === null ? null : () => backend.availability(nre, { line, scope, day, limit: 50, ...moving }),
    [nre, line, scope, day, refreshKey, reschedule],
    onFatal,
  );

  const available = useMemo(
    () => new Set((calendar.data?.days ?? []).filter((d) => d.available > 0).map((d) => d.day)),
    [calendar.data],
  );
  const monthCount = (calendar.data?.days ?? []).reduce((sum, d) => sum + d.available, 0);
  const sites = useMemo(() => {
    const bySite = new Map<number, OfferT[]>();
    for (const offer of dayOffers.data?.offers ?? []) {
      const list = bySite.get(offer.facility.id) ?? [];
      list.push(offer);
      bySite.set(offer.facility.id, list);
    }
    return [...bySite.values()];
  }, [dayOffers.data]);
  const siteOffers = sites.find((s) => s[0]?.facility.id === facilityId) ?? (sites.length === 1 ? sites[0] : undefined);

  // What a choice reveals gets the focus and comes into view: after a day, its sites (or,
  // with a single site, straight its times); after a site, its times.
  const reveal = useRef<"day" | "site" | null>(null);
  const sitesTitle = useRef<HTMLHeadingElement>(null);
  const timesTitle = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (reveal.current === null || dayOffers.loading || dayOffers.data === null) return;
    const target = reveal.current === "site" || sites.length <= 1 ? timesTitle.current : sitesTitle.current;
    reveal.current = null;
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: "start" });
  }, [dayOffers.loading, dayOffers.data, sites.length, facilityId]);

  const data = first.data;
  const serviceName = data?.service.description ?? service?.description ?? "";

  return (
    <section className="cup-page" aria-labelledby={PAGE_TITLE_ID} data-testid="screen-offer">
      <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
        {t("booking.offer.title")}
      </h1>
      <p className="cup-offer-intro">
        <span className="cup-offer-intro__service">{t("booking.offer.service", { service: serviceName })}</span>{" "}
        <span className="cup-offer-intro__scope" data-testid="offer-scope">
          {t(`booking.offer.scope.${scope}`)}
        </span>
      </p>
      {intro}

      {notice !== null && <ErrorNotice error={notice} testId="offer-notice" />}
      {holding && <InfoNotice testId="offer-holding">{t("booking.offer.holding")}</InfoNotice>}

      {first.loading && <Loading />}
      {first.error !== null && <ErrorNotice error={first.error} onRetry={first.reload} />}

      {data !== null && (
        <>
          {data.tutela && data.guarantee !== null && (
            <div className="cup-callout cup-callout--warning" data-testid="tutela" role="note">
              <h2 className="cup-callout__title">{t("booking.offer.tutelaTitle")}</h2>
              <p>{t("booking.offer.tutelaText", { date: formatDay(data.guarantee.ends_at, i18n.language) })}</p>
              <p>
                <strong>{t("booking.offer.tutelaHow")}</strong>
              </p>
            </div>
          )}
          {data.guarantee !== null && !data.tutela && (
            <p data-testid="offer-guarantee">
              {t("booking.offer.guarantee", {
                priority: priority(data.guarantee.priority),
                date: formatDay(data.guarantee.ends_at, i18n.language),
              })}
            </p>
          )}

          <p className="cup-found" data-testid="offer-found">
            {data.offers.length > 0 ? t("booking.offer.found") : t("booking.offer.notFound")}
          </p>

          {data.offers.length > 0 && (
            <section aria-labelledby="offer-first-title" className="cup-section">
              <h2 id="offer-first-title">{t("booking.offer.firstTitle")}</h2>
              <ol className="cup-offers">
                {data.offers.map((offer, index) => (
                  <li key={offer.slot_id} className="cup-offer">
                    <div className="cup-offer__when">
                      <strong>{formatDay(offer.starts_at, i18n.language)}</strong>
                      <span className="cup-offer__time">{formatTime(offer.starts_at, i18n.language)}</span>
                    </div>
                    <div className="cup-offer__where">
                      <FacilityLines offer={offer} />
                      <span className="cup-offer__meta">
                        {t("booking.offer.distance", { km: formatKm(offer.distance_km, i18n.language) })}
                        <span className={`cup-tag ${offer.inside_guarantee ? "cup-tag--ok" : "cup-tag--warn"}`}>
                          {offer.inside_guarantee ? t("booking.offer.inside") : t("booking.offer.outside")}
                        </span>
                      </span>
                    </div>
                    <button
                      type="button"
                      className="btn btn-primary"
                      data-testid={`offer-first-${index + 1}`}
                      aria-disabled={holding}
                      aria-label={t("booking.offer.chooseAria", { when: when(offer.starts_at), facility: offer.facility.name })}
                      onClick={() => !holding && onChooseOffer(offer)}
                    >
                      {t("booking.offer.chooseThis")}
                    </button>
                  </li>
                ))}
              </ol>
            </section>
          )}

          {data.wider_scope !== null && (
            <section className="cup-card cup-extend" aria-labelledby="offer-extend-title">
              <h2 id="offer-extend-title" className="cup-card__title">
                {t("booking.offer.extendTitle")}
              </h2>
              <p>{t("booking.offer.extendText")}</p>
              <button
                type="button"
                className="btn btn-outline-primary"
                data-testid="extend-zone"
                onClick={() => data.wider_scope !== null && onChoice({ ...choice, scope: data.wider_scope, day: null, facilityId: null })}
              >
                {t(`booking.offer.extendTo.${data.wider_scope === "asl" ? "asl" : "region"}`)}
              </button>
            </section>
          )}

          {month !== null && (
            <section aria-labelledby="offer-calendar-title" className="cup-section">
              <h2 id="offer-calendar-title">{t("booking.offer.calendarTitle")}</h2>
              {calendar.data !== null && <p data-testid="calendar-count">{t("booking.offer.calendarCount", { count: monthCount })}</p>}
              <p id={calendarHelpId} className="cup-field__hint">
                {t("booking.offer.calendarHelp")}
              </p>
              {calendar.error !== null && <ErrorNotice error={calendar.error} onRetry={calendar.reload} />}
              <AvailabilityCalendar
                month={month}
                available={available}
                selected={day}
                describedBy={calendarHelpId}
                onMonthChange={(m) => onChoice({ ...choice, month: m })}
                onSelect={(d) => {
                  reveal.current = "day";
                  onChoice({ ...choice, month: d.slice(0, 7), day: d, facilityId: null });
                }}
              />
            </section>
          )}

          {day !== null && (
            <section aria-labelledby="offer-sites-title" className="cup-section" data-testid="sites">
              <h2 id="offer-sites-title" ref={sitesTitle} tabIndex={-1}>
                {t("booking.offer.sitesTitle")}
              </h2>
              <p>{t("booking.offer.sitesFor", { date: formatDay(`${day}T12:00:00Z`, i18n.language) })}</p>
              {dayOffers.loading && <Loading />}
              {dayOffers.error !== null && <ErrorNotice error={dayOffers.error} onRetry={dayOffers.reload} />}
              {dayOffers.data !== null && sites.length === 0 && <p>{t("booking.offer.noSlotsDay")}</p>}
              {/* One site: it is the citizen's, nothing to choose; its times follow. */}
              {sites.length === 1 && sites[0]?.[0] !== undefined && (
                <p data-testid="single-site">{t("booking.offer.singleSite", { facility: sites[0][0].facility.name })}</p>
              )}
              {sites.length > 1 && (
              <ul className="cup-sites">
                {sites.map((offers) => {
                  const sample = offers[0]!;
                  const selected = sample.facility.id === siteOffers?.[0]?.facility.id;
                  return (
                    <li key={sample.facility.id} className={`cup-site${selected ? " cup-site--selected" : ""}`}>
                      <FacilityLines offer={sample} withUnit={false} />
                      <button
                        type="button"
                        className={selected ? "btn btn-primary" : "btn btn-outline-primary"}
                        data-testid={`site-${sample.facility.id}`}
                        aria-pressed={selected}
                        aria-label={t("booking.offer.siteAria", { facility: sample.facility.name })}
                        onClick={() => {
                          reveal.current = "site";
                          onChoice({ ...choice, facilityId: sample.facility.id });
                        }}
                      >
                        {t("booking.offer.siteChoose")}
                      </button>
                    </li>
                  );
                })}
              </ul>
              )}
            </section>
          )}

          {day !== null && siteOffers !== undefined && (
            <section aria-labelledby="offer-times-title" className="cup-section" data-testid="times">
              <h2 id="offer-times-title" ref={timesTitle} tabIndex={-1}>
                {t("booking.offer.timesTitle")}
              </h2>
              <p>
                <FacilityLines offer={siteOffers[0]!} />
              </p>
              <ul className="cup-times">
                {siteOffers.map((offer) => (
                  <li key={offer.slot_id}>
                    <button
                      type="button"
                      className="btn btn-outline-primary cup-time"
                      data-testid={`time-${offer.slot_id}`}
                      aria-disabled={holding}
                      aria-label={t("booking.offer.timeAria", {
                        time: formatTime(offer.starts_at, i18n.language),
                        facility: offer.facility.name,
                      })}
                      onClick={() => !holding && onChooseOffer(offer)}
                    >
                      {formatTime(offer.starts_at, i18n.language)}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}

      <div className="cup-page__actions">
        <button type="button" className="btn btn-outline-primary" data-testid="offer-back" onClick={onBack}>
          {backLabel ?? t("booking.offer.backToPrescription")}
        </button>
      </div>
    </section>
  );
}
