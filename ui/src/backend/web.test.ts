import { describe, expect, it } from "vitest";
import type { BackendError, BookingView } from "./types";
import { createWebBackend } from "./web";

const BARONI = { codiceFiscale: "BRNFNC68T53D403C", tessera: "80380000001234560099" };
const BIANCHI = { codiceFiscale: "BNCGLI85D52D612X", tessera: "80380000001234560016" };

/** The `{ code, field }` a call rejected with. */
async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (thrown) {
    const { code, field } = thrown as BackendError;
    return field === undefined ? { code, message: "" } : { code, message: "", field };
  }
  throw new Error("the call did not fail");
}

function setup(options: { keyring?: boolean } = {}) {
  let online = true;
  const backend = createWebBackend({ delayMs: 0, online: () => online, ...options });
  return {
    backend,
    goOffline: () => {
      online = false;
    },
    goOnline: () => {
      online = true;
    },
  };
}

const live = (bookings: BookingView[]) => bookings.filter((b) => b.status === "booked");

describe("web backend: card login and remembering", () => {
  it("logs in with codice fiscale and tessera, as a card session", async () => {
    const { backend } = setup();
    const login = await backend.loginCard({ ...BARONI, remember: false });
    expect(login.kind).toBe("card");
    expect(login.patient.family_name).toBe("BARONI");
  });

  it("names the wrong field, and says nothing more when the pair does not match", async () => {
    const { backend } = setup();
    expect(await rejection(backend.loginCard({ codiceFiscale: "BRNFNC68T53D403X", tessera: BARONI.tessera, remember: false }))).toEqual({
      code: "cf_check_char",
      message: "",
      field: "codice_fiscale",
    });
    expect(await rejection(backend.loginCard({ codiceFiscale: BARONI.codiceFiscale, tessera: "8038", remember: false }))).toMatchObject({
      code: "tessera_length",
      field: "tessera",
    });
    expect(await rejection(backend.loginCard({ codiceFiscale: BARONI.codiceFiscale, tessera: BIANCHI.tessera, remember: false }))).toEqual({
      code: "authentication_failed",
      message: "",
    });
  });

  it("remembers the card only when asked, and forgets it", async () => {
    const { backend } = setup();
    expect(await backend.rememberedCard()).toEqual({ available: true, card: null, bookingsNotKept: null });
    await backend.loginCard({ ...BARONI, remember: true });
    expect(await backend.rememberedCard()).toEqual({ available: true, card: BARONI, bookingsNotKept: null });
    await backend.forgetCard();
    expect(await backend.rememberedCard()).toEqual({ available: true, card: null, bookingsNotKept: null });
  });

  it("forgets the card at GESTISCI's logout, and keeps it at the end of a booking, as the app does", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: true });
    await backend.logout();
    expect(await backend.rememberedCard()).toEqual({ available: true, card: BARONI, bookingsNotKept: null });
    await backend.loginCard({ ...BARONI, remember: true });
    await backend.logout({ forgetCard: true });
    expect(await backend.rememberedCard()).toEqual({ available: true, card: null, bookingsNotKept: null });
  });

  it("says when the device cannot remember", async () => {
    const { backend } = setup({ keyring: false });
    await backend.loginCard({ ...BARONI, remember: true });
    expect(await backend.rememberedCard()).toEqual({ available: false, card: null, bookingsNotKept: "no_keyring" });
  });

  it("answers unreachable when the backend is offline", async () => {
    const { backend, goOffline } = setup();
    goOffline();
    expect((await rejection(backend.loginCard({ ...BARONI, remember: false }))).code).toBe("unreachable");
  });
});

describe("web backend: finding bookings", () => {
  it("lists every booking of the card holder, in every state", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const list = await backend.myBookings();
    expect(list.source).toBe("backend");
    expect(list.updatedAt).toBeNull();
    expect(new Set(list.bookings.map((b) => b.status))).toEqual(new Set(["booked", "moved", "cancelled", "done", "no_show"]));
    const moved = list.bookings.find((b) => b.status === "moved");
    expect(list.bookings.find((b) => b.cup_number === moved?.moved_to)?.moved_from).toBe(moved?.cup_number);
  });

  it("finds a booking by PIN, by CUP number and by prescription number", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const target = live((await backend.myBookings()).bookings)[0]!;
    expect((await backend.lookupBookings("pin", target.pin)).bookings.map((b) => b.cup_number)).toEqual([target.cup_number]);
    expect((await backend.lookupBookings("cup_number", ` ${target.cup_number} `)).bookings.map((b) => b.cup_number)).toEqual([
      target.cup_number,
    ]);
    const byNre = await backend.lookupBookings("nre", target.nre.toLowerCase());
    expect(byNre.bookings.length).toBeGreaterThanOrEqual(1);
    expect(byNre.bookings.every((b) => b.nre === target.nre)).toBe(true);
  });

  it("rejects malformed look-up values with the domain's codes and the field", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    expect(await rejection(backend.lookupBookings("pin", "1234"))).toMatchObject({ code: "pin_length", field: "pin" });
    expect(await rejection(backend.lookupBookings("pin", "12345675"))).toMatchObject({ code: "pin_check", field: "pin" });
    expect(await rejection(backend.lookupBookings("cup_number", "20231415532A"))).toMatchObject({
      code: "cup_number_format",
      field: "cup_number",
    });
    expect(await rejection(backend.lookupBookings("nre", "090"))).toMatchObject({ code: "nre_length", field: "nre" });
    // A well-formed number that is not the caller's: nothing found, not an error.
    expect((await backend.lookupBookings("cup_number", "202314155328")).bookings).toEqual([]);
  });

  it("needs a session", async () => {
    const { backend } = setup();
    expect((await rejection(backend.myBookings())).code).toBe("session_expired");
  });
});

describe("web backend: this device's copy when the backend is unreachable", () => {
  it("serves the bookings last seen, with when they were saved, and their documents", async () => {
    const { backend, goOffline } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const seen = await backend.myBookings();
    goOffline();
    const list = await backend.myBookings();
    expect(list.source).toBe("device");
    expect(list.updatedAt).not.toBeNull();
    expect(list.bookings.map((b) => b.cup_number).sort()).toEqual(seen.bookings.map((b) => b.cup_number).sort());
    const target = live(seen.bookings)[0]!;
    expect((await backend.lookupBookings("cup_number", target.cup_number)).bookings).toHaveLength(1);
    const documents = await backend.bookingDocuments(target.cup_number);
    expect(documents.source).toBe("device");
    expect(documents.documents.booking.cup_number).toBe(target.cup_number);
    // Changing anything needs the backend.
    expect((await rejection(backend.cancelBooking(target.cup_number))).code).toBe("unreachable");
  });

  it("serves the saved bookings of a card without a session", async () => {
    const { backend, goOffline } = setup();
    expect(await backend.savedBookings(BARONI)).toEqual({ bookings: [], source: "device", updatedAt: null });
    await backend.loginCard({ ...BARONI, remember: false });
    await backend.myBookings();
    await backend.logout();
    goOffline();
    const saved = await backend.savedBookings({ codiceFiscale: BARONI.codiceFiscale.toLowerCase(), tessera: "8038 0000 0012 3456 0099" });
    expect(saved.source).toBe("device");
    expect(saved.bookings.length).toBeGreaterThan(0);
    expect(saved.updatedAt).not.toBeNull();
  });

  it("answers unreachable when nothing was saved", async () => {
    const { backend, goOffline } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    goOffline();
    expect((await rejection(backend.myBookings())).code).toBe("unreachable");
  });
});

describe("web backend: documents, cancel and move", () => {
  it("gives the payment notice in groups of four with its IUV", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const target = live((await backend.myBookings()).bookings)[0]!;
    const { documents, source } = await backend.bookingDocuments(target.cup_number);
    expect(source).toBe("backend");
    expect(documents.payment?.notice_number_grouped).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{2}$/);
    expect(documents.payment?.iuv).toBe(target.notice_number.slice(1));
    expect(documents.payment?.amount_cents).toBe(target.ticket_cents);
    const notice = documents.payment!.notice_number;
    expect(Number(notice.slice(0, 16)) % 93).toBe(Number(notice.slice(16)));
  });

  it("cancels a booking before the deadline for free, frees its slot, and refuses a second time", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const target = live((await backend.myBookings()).bookings).find((b) => Date.parse(b.cancel_by) > Date.now())!;
    const cancelled = await backend.cancelBooking(target.cup_number);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.malum_owed).toBe(false);
    expect(cancelled.cancelled_at).not.toBeNull();
    expect((await rejection(backend.cancelBooking(target.cup_number))).code).toBe("booking_state_conflict");
  });

  it("owes the malum for a cancellation after the deadline", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const late = live((await backend.myBookings()).bookings).find((b) => Date.parse(b.cancel_by) < Date.now())!;
    expect((await backend.cancelBooking(late.cup_number)).malum_owed).toBe(true);
  });

  it("moves a booking to a slot held for the move, in one step", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const old = live((await backend.myBookings()).bookings).find((b) => b.service.code === "P009")!;
    const query = { line: old.line, scope: "zone" as const, limit: 5, reschedule: old.cup_number };
    const offer = (await backend.availability(old.nre, query)).offers[0]!;
    const hold = await backend.hold({ nre: old.nre, line: old.line, slot_id: offer.slot_id, reschedule: old.cup_number });
    const moved = await backend.rescheduleBooking(old.cup_number, hold.id);
    expect(moved.status).toBe("booked");
    expect(moved.cup_number).not.toBe(old.cup_number);
    expect(moved.moved_from).toBe(old.cup_number);
    expect(moved.offer.slot_id).toBe(offer.slot_id);
    const after = (await backend.lookupBookings("cup_number", old.cup_number)).bookings[0]!;
    expect(after.status).toBe("moved");
    expect(after.moved_to).toBe(moved.cup_number);
    // The new slot is no longer offered; the old one is again.
    const offers = (await backend.availability(old.nre, { ...query, reschedule: moved.cup_number, limit: 200 })).offers;
    expect(offers.some((o) => o.slot_id === moved.offer.slot_id)).toBe(false);
  });

  it("keeps the old booking when the hold has gone", async () => {
    const { backend } = setup();
    await backend.loginCard({ ...BARONI, remember: false });
    const old = live((await backend.myBookings()).bookings).find((b) => b.service.code === "P009")!;
    expect((await rejection(backend.rescheduleBooking(old.cup_number, 12345))).code).toBe("hold_expired");
    expect((await backend.lookupBookings("cup_number", old.cup_number)).bookings[0]?.status).toBe("booked");
  });

  it("lets a new booking made on this device appear in the management list", async () => {
    const { backend } = setup();
    await backend.loginPrescription({ ...BIANCHI, nre: "0900A1123456701", privacyConsent: true });
    const offer = (await backend.availability("0900A1123456701", { line: 0, scope: "zone", limit: 1 })).offers[0]!;
    const hold = await backend.hold({ nre: "0900A1123456701", line: 0, slot_id: offer.slot_id });
    const booking = await backend.book(hold.id, "3331234567");
    expect(booking.pin).toMatch(/^\d{8}$/);
    await backend.loginCard({ ...BIANCHI, remember: false });
    expect((await backend.myBookings()).bookings.map((b) => b.cup_number)).toEqual([booking.cup_number]);
  });
});
