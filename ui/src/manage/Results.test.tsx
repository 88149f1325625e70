import i18next from "i18next";
import { act } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookingList, BookingStatus } from "../backend";
import { initI18n } from "../i18n";
import { Results } from "./Results";
import { booking, click, mount, type Screen } from "./testing";

const NOW = Date.parse("2024-04-01T10:00:00Z");

function list(change: Partial<BookingList> = {}): BookingList {
  return { bookings: [booking()], source: "backend", updatedAt: null, ...change };
}

type Handlers = Partial<Record<"onCancel" | "onReschedule" | "onDocuments" | "onBookAgain", () => void>> & {
  onLookup?: (cupNumber: string) => void;
};

function render(screen: Screen, value: BookingList, handlers: Handlers = {}) {
  screen.render(
    <Results
      list={value}
      issuedOn={new Map([["202314155328", "2023-06-14"]])}
      now={NOW}
      canSearch
      onDocuments={handlers.onDocuments ?? vi.fn()}
      onCancel={handlers.onCancel ?? vi.fn()}
      onReschedule={handlers.onReschedule ?? vi.fn()}
      onNewSearch={vi.fn()}
      onLookup={handlers.onLookup ?? vi.fn()}
      onBookAgain={handlers.onBookAgain ?? vi.fn()}
    />,
  );
}

describe("Results", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    screen = mount();
  });
  afterEach(() => screen.unmount());

  it("shows a booking as the seed's card: numbers, status, what, when, where, cost, PIN", () => {
    render(screen, list());
    const card = screen.byTestId("booking-card");
    expect(card.dataset["cupNumber"]).toBe("202314155328");
    const text = card.textContent ?? "";
    expect(text).toContain("Numero Ricetta 0900A4262701932 - Codice del pagamento (IUV) 01000000000010533");
    // The IUV said in plain words, with what it is for.
    expect(screen.byTestId("booking-iuv-hint").textContent).toBe(
      "Lo IUV identifica il pagamento del ticket: per pagare usa il modulo di pagamento (pagoPA), nei documenti della prenotazione.",
    );
    expect(text).toContain("Numero Prenotazione CUP 202314155328");
    expect(text).toContain("Data Impegnativa 14 giugno 2023");
    expect(screen.byTestId("booking-status").textContent).toBe("PRENOTATO");
    expect(text).toContain("CONSULENZA CARDIOLOGICA 1 VISITA");
    // 08:00 UTC on 11 April 2024 is 10:00 in Rome.
    expect(screen.byTestId("booking-when").textContent).toBe("gio 11 apr 2024, ore 10:00");
    expect(text).toContain("POLIAMBULATORIO SCANDICCI");
    expect(text).toContain("VIA VIVALDI ANGOLO VIA PISANA - SCANDICCI (FI)");
    expect(screen.byTestId("booking-cost").textContent).toMatch(/^38,00\s€$/);
    expect(screen.byTestId("booking-pin").textContent).toBe("12345674");
    expect(screen.byTestId("manage-results-count").textContent).toBe("Abbiamo trovato 1 prenotazione.");
  });

  const labels: [BookingStatus, string, string][] = [
    ["booked", "PRENOTATO", "BOOKED"],
    ["cancelled", "DISDETTO", "CANCELLED"],
    ["moved", "SPOSTATO", "MOVED"],
    ["done", "EROGATO", "DONE"],
    ["no_show", "NON PRESENTATO", "MISSED"],
  ];
  for (const [status, it_, en] of labels) {
    it(`labels the ${status} status ${it_} (${en} in English)`, async () => {
      render(screen, list({ bookings: [booking({ status })] }));
      expect(screen.byTestId("booking-status").textContent).toBe(it_);
      await act(async () => {
        await i18next.changeLanguage("en");
      });
      render(screen, list({ bookings: [booking({ status })] }));
      expect(screen.byTestId("booking-status").textContent).toBe(en);
    });
  }

  it("says where a moved booking went, offers no change on it and none of its documents", () => {
    const onLookup = vi.fn();
    render(screen, list({ bookings: [booking({ status: "moved", moved_to: "202600000102" })] }), { onLookup });
    expect(screen.byTestId("booking-moved-to").textContent).toBe("Spostata nella prenotazione 202600000102");
    expect(screen.maybe("booking-cancel")).toBeNull();
    expect(screen.maybe("booking-reschedule")).toBeNull();
    expect(screen.maybe("booking-documents")).toBeNull();
    expect(screen.maybe("booking-iuv")).toBeNull();
    expect(screen.byTestId("booking-documents-void").textContent).toBe(
      "Il promemoria e il modulo di pagamento di questa prenotazione non sono più validi: usa quelli della nuova prenotazione 202600000102.",
    );
    // The new booking is not in this list: "Vai alla nuova prenotazione" looks it up.
    const go = screen.byTestId("booking-go-to-new");
    expect(go.textContent).toBe("Vai alla nuova prenotazione 202600000102");
    click(go);
    expect(onLookup).toHaveBeenCalledWith("202600000102");
  });

  it("takes a moved booking to its new one when both are listed", () => {
    const onLookup = vi.fn();
    const moved = booking({ cup_number: "202600000101", status: "moved", moved_to: "202600000102" });
    const live = booking({ cup_number: "202600000102", moved_from: "202600000101" });
    render(screen, list({ bookings: [moved, live] }), { onLookup });
    click(screen.byTestId("booking-go-to-new"));
    expect(onLookup).not.toHaveBeenCalled();
    const title = document.querySelector('[data-testid="booking-card"][data-cup-number="202600000102"] h2');
    expect(document.activeElement).toBe(title);
  });

  it("marks a cancelled booking's documents as no longer valid and offers a new booking", () => {
    const onBookAgain = vi.fn();
    render(screen, list({ bookings: [booking({ status: "cancelled", cancelled_at: "2024-04-05T09:00:00Z" })] }), { onBookAgain });
    expect(screen.maybe("booking-documents")).toBeNull();
    expect(screen.maybe("booking-iuv")).toBeNull();
    expect(screen.byTestId("booking-documents-void").textContent).toMatch(/disdetta: il suo promemoria e il suo modulo di pagamento non sono più validi/);
    click(screen.byTestId("booking-book-again"));
    expect(onBookAgain).toHaveBeenCalledTimes(1);
  });

  it("says it in English too", async () => {
    await act(async () => {
      await i18next.changeLanguage("en");
    });
    render(screen, list({ bookings: [booking({ status: "moved", moved_to: "202600000102" })] }));
    expect(screen.byTestId("booking-documents-void").textContent).toBe(
      "The reminder and the payment form of this booking are no longer valid: use those of the new booking 202600000102.",
    );
    expect(screen.byTestId("booking-go-to-new").textContent).toBe("Go to the new booking 202600000102");
  });

  it("offers documents, cancel and move on a live booking", () => {
    const onCancel = vi.fn();
    const onReschedule = vi.fn();
    render(screen, list(), { onCancel, onReschedule });
    click(screen.byTestId("booking-cancel"));
    click(screen.byTestId("booking-reschedule"));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onReschedule).toHaveBeenCalledTimes(1);
    expect(screen.byTestId("booking-cancel-by").textContent).toBe("Disdetta gratuita entro il mar 9 apr 2024, ore 10:00.");
  });

  it("says on the card when the free cancellation is over", () => {
    // 10 April, 11:00 in Rome: the appointment is the next day, the deadline was 9 April.
    screen.render(
      <Results
        list={list()}
        issuedOn={new Map()}
        now={Date.parse("2024-04-10T09:00:00Z")}
        canSearch
        onDocuments={vi.fn()}
        onCancel={vi.fn()}
        onReschedule={vi.fn()}
        onNewSearch={vi.fn()}
        onLookup={vi.fn()}
        onBookAgain={vi.fn()}
      />,
    );
    expect(screen.byTestId("booking-cancel-by").textContent).toBe(
      "Il termine per disdire senza costi è scaduto il mar 9 apr 2024, ore 10:00: disdicendo ora è dovuto il ticket («malum»).",
    );
    expect(screen.maybe("booking-issued-on")).toBeNull();
  });

  it("lists live bookings first", () => {
    render(
      screen,
      list({
        bookings: [
          booking({ cup_number: "100000000001", status: "done", offer: { ...booking().offer, starts_at: "2024-02-01T08:00:00Z" } }),
          booking({ cup_number: "100000000002" }),
        ],
      }),
    );
    expect(screen.allByTestId("booking-card").map((c) => c.dataset["cupNumber"])).toEqual(["100000000002", "100000000001"]);
    expect(screen.byTestId("manage-results-count").textContent).toBe("Abbiamo trovato 2 prenotazioni.");
  });

  it("says so when nothing was found", () => {
    render(screen, list({ bookings: [] }));
    expect(screen.byTestId("manage-no-results").textContent).toMatch(/Non abbiamo trovato prenotazioni/);
  });
});

describe("the offline notice", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    screen = mount();
  });
  afterEach(() => screen.unmount());

  it("says unmistakably that the bookings come from this device, and when they were updated", () => {
    render(screen, list({ source: "device", updatedAt: "2024-04-24T08:05:00Z" }));
    const notice = screen.byTestId("manage-offline-notice");
    expect(notice.textContent).toContain(
      "Non è possibile raggiungere il CUP: stai vedendo le prenotazioni salvate su questo dispositivo, aggiornate al 24 aprile 2024, ore 10:05.",
    );
    // Nothing can be changed from the device's copy.
    expect(screen.maybe("booking-cancel")).toBeNull();
    expect(screen.maybe("booking-reschedule")).toBeNull();
    expect(screen.byTestId("booking-offline-actions").textContent).toMatch(/serve il collegamento al CUP/);
    expect(screen.maybe("booking-documents")).not.toBeNull();
  });

  it("in English", async () => {
    await i18next.changeLanguage("en");
    render(screen, list({ source: "device", updatedAt: "2024-01-10T16:30:00Z" }));
    expect(screen.byTestId("manage-offline-notice").textContent).toContain(
      "The CUP cannot be reached: you are seeing the bookings saved on this device, last updated on 10 January 2024 at 17:30.",
    );
  });

  it("is absent when the data comes from the CUP", () => {
    render(screen, list());
    expect(screen.maybe("manage-offline-notice")).toBeNull();
  });

  it("tells when nothing is saved on this device", () => {
    render(screen, list({ source: "device", updatedAt: null, bookings: [] }));
    expect(screen.byTestId("manage-offline-notice").textContent).toContain("stai vedendo le prenotazioni salvate su questo dispositivo.");
    expect(screen.byTestId("manage-no-results").textContent).toMatch(/non ci sono prenotazioni salvate/);
  });
});
