import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { HoldView, PrescriptionView, ServiceView } from "../backend";
import { initI18n } from "../i18n";
import { mount, type Screen as Mounted } from "../manage/testing";
import { Summary } from "./Summary";

const service: ServiceView = {
  id: 1,
  code: "89.7A.3",
  description: "PRIMA VISITA CARDIOLOGICA",
  branch: "cardiologia",
  kind: "visit",
  tariff_cents: 2_300,
  preparation: "",
  preparation_en: "",
};

function prescription(ticketCents: number): PrescriptionView {
  return {
    nre: "0900A1123456701",
    region_code: "090",
    region_name: "Toscana",
    priority: "P",
    effective_priority: "P",
    access: "first",
    exemption: ticketCents === 0 ? "E01" : null,
    issued_on: "2026-11-30",
    doctor: "Dott. Rossi",
    question: "",
    lines: [{ line: 0, service, quantity: 1, bookability: { bookable: true, reason: null, next_step: null }, booked_as: null }],
    ticket_cents: ticketCents,
  };
}

const server = Date.now();
const hold: HoldView = {
  id: 7,
  nre: "0900A1123456701",
  line: 0,
  offer: {
    slot_id: 1,
    starts_at: "2027-01-12T09:00:00Z",
    ends_at: "2027-01-12T09:20:00Z",
    unit: "U",
    facility: { id: 1, name: "Ospedale", address: "Via Roma 1", city: "Prato", province: "PO", zone_id: 1, zone: "Pratese", lat: 0, lon: 0 },
    distance_km: 1,
    inside_guarantee: true,
  },
  expires_at: new Date(server + 600_000).toISOString(),
  server_time: new Date(server).toISOString(),
  can_extend: true,
  // Not 48 h before the start on purpose: the summary shows what the server says.
  cancel_by: "2027-01-09T09:00:00Z",
};

describe("the summary", () => {
  let screen: Mounted;
  beforeAll(async () => {
    await initI18n();
  });
  afterEach(() => screen.unmount());

  const render = (ticketCents: number, onConfirm = vi.fn()) => {
    screen = mount();
    screen.render(
      <Summary
        patient={null}
        prescription={prescription(ticketCents)}
        service={service}
        hold={hold}
        receivedAt={server}
        phone=""
        onPhone={() => undefined}
        onConfirm={onConfirm}
        onChange={() => undefined}
        onExpired={() => undefined}
        onExtend={() => undefined}
        busy={false}
        extending={false}
        error={null}
      />,
    );
    return onConfirm;
  };

  it("keeps the countdown beside 'Sì, prenoto!' in one bar", () => {
    render(3_615);
    const bar = screen.byTestId("summary-actions");
    expect(bar.className).toContain("cup-sticky-actions");
    expect(bar.querySelector('[data-testid="hold-countdown"]')?.textContent).toMatch(/^(10:00|09:5\d)$/);
    expect(bar.querySelector('[data-testid="summary-confirm"]')?.textContent).toBe("Sì, prenoto!");
    // One countdown on the page (one live region, announced once).
    expect(screen.allByTestId("hold-countdown")).toHaveLength(1);
  });

  it("says the free-cancellation deadline the server gave with the hold", () => {
    render(3_615);
    const rule = screen.byTestId("summary-cancel-rule").textContent ?? "";
    expect(rule).toContain("9 gen 2027");
    expect(rule).toContain("10:00");
  });

  it("says the cost before the booking", () => {
    render(3_615);
    expect(screen.byTestId("summary-cost").textContent).toMatch(/Ticket da pagare: 36,15\s€ per l'intera ricetta/);
    screen.unmount();
    render(0);
    expect(screen.byTestId("summary-cost").textContent).toContain("Nessun ticket da pagare");
  });

  it("'Sì, prenoto!' outside the form still sends it", () => {
    const onConfirm = render(3_615);
    const confirm = screen.byTestId<HTMLButtonElement>("summary-confirm");
    expect(confirm.getAttribute("form")).toBe("summary-form");
    const form = document.getElementById("summary-form") as HTMLFormElement;
    form.requestSubmit(confirm);
    expect(onConfirm).toHaveBeenCalledWith(null);
  });
});
