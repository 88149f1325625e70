import i18next from "i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { BackendError } from "../backend";
import { initI18n } from "../i18n";
import { Cancel, CancelDone } from "./Cancel";
import { booking, click, mount, type Screen } from "./testing";

// The appointment: 11 April 2024, 10:00 in Rome; free cancellation until 9 April, 10:00.
const BEFORE = Date.parse("2024-04-05T09:00:00Z");
const AFTER = Date.parse("2024-04-10T09:00:00Z");

describe("Cancel", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    screen = mount();
  });
  afterEach(() => screen.unmount());

  function render(now: number, handlers: { onConfirm?: () => void; onBack?: () => void } = {}, error: BackendError | null = null, malum = false) {
    screen.render(
      <Cancel
        booking={booking({ malum_owed: malum })}
        now={now}
        busy={false}
        error={error}
        onConfirm={handlers.onConfirm ?? vi.fn()}
        onBack={handlers.onBack ?? vi.fn()}
      />,
    );
  }

  it("before the deadline: says until when cancelling is free", () => {
    render(BEFORE);
    const deadline = screen.byTestId("cancel-deadline");
    expect(deadline.textContent).toBe("Puoi disdire senza costi entro il 9 aprile 2024, ore 10:00.");
    expect(deadline.dataset["late"]).toBe("false");
    expect(screen.text()).not.toMatch(/malum/);
  });

  it("after the deadline: says clearly that the ticket (malum) is owed", () => {
    render(AFTER);
    const deadline = screen.byTestId("cancel-deadline");
    expect(deadline.dataset["late"]).toBe("true");
    expect(deadline.textContent).toContain("Il termine per disdire senza costi è scaduto il 9 aprile 2024, ore 10:00");
    expect(deadline.textContent).toContain("devi comunque pagare il ticket della prestazione («malum»), anche se sei esente");
  });

  it("trusts the backend when it says the malum is owed", () => {
    render(BEFORE, {}, null, true);
    expect(screen.byTestId("cancel-deadline").dataset["late"]).toBe("true");
  });

  it("in English", async () => {
    await i18next.changeLanguage("en");
    render(BEFORE);
    expect(screen.byTestId("cancel-deadline").textContent).toBe("You can cancel free of charge until 9 April 2024 at 10:00.");
    expect(screen.byTestId("cancel-confirm").textContent).toBe("Yes, cancel it");
  });

  it("cancels only on the explicit «Sì, disdico»; «No, torna indietro» goes back", () => {
    const onConfirm = vi.fn();
    const onBack = vi.fn();
    render(BEFORE, { onConfirm, onBack });
    expect(screen.text()).toContain("Vuoi davvero disdire questa prenotazione?");
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.byTestId("cancel-back").textContent).toBe("No, torna indietro");
    click(screen.byTestId("cancel-back"));
    expect(onBack).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.byTestId("cancel-confirm").textContent).toBe("Sì, disdico");
    click(screen.byTestId("cancel-confirm"));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("on a failure, says the booking is still valid (in words, never the raw error)", () => {
    render(BEFORE, {}, { code: "timeout", message: "operation timed out after 10s" });
    const error = screen.byTestId("cancel-error");
    expect(error.textContent).toContain("troppo lentamente");
    expect(error.textContent).not.toContain("operation timed out");
    expect(screen.byTestId("cancel-still-valid").textContent).toBe("La prenotazione non è stata disdetta: è ancora valida.");
  });

  it("when the booking changed meanwhile, says so instead", () => {
    render(BEFORE, {}, { code: "booking_state_conflict", message: "" });
    expect(screen.byTestId("cancel-error").textContent).toMatch(/già stata disdetta o spostata/);
    expect(screen.maybe("cancel-still-valid")).toBeNull();
  });
});

describe("CancelDone", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
    await i18next.changeLanguage("it");
  });
  beforeEach(() => {
    screen = mount();
  });
  afterEach(() => screen.unmount());

  it("shows DISDETTO and that the slot is free for others", () => {
    const onBookAgain = vi.fn();
    screen.render(
      <CancelDone booking={booking({ status: "cancelled", cancelled_at: "2024-04-05T09:00:00Z" })} onBack={vi.fn()} onBookAgain={onBookAgain} />,
    );
    expect(screen.byTestId("booking-status").textContent).toBe("DISDETTO");
    expect(screen.byTestId("cancel-freed").textContent).toBe("Il posto è tornato disponibile per altri cittadini.");
    expect(screen.byTestId("cancel-malum").textContent).toBe("La disdetta è gratuita.");
    // Its documents are void, and the next step is there.
    expect(screen.byTestId("cancel-documents-void").textContent).toBe(
      "Il promemoria e il modulo di pagamento di questa prenotazione non sono più validi.",
    );
    click(screen.byTestId("cancel-book-again"));
    expect(onBookAgain).toHaveBeenCalledTimes(1);
  });

  it("says the malum is owed after a late cancellation", () => {
    screen.render(<CancelDone booking={booking({ status: "cancelled", malum_owed: true })} onBack={vi.fn()} onBookAgain={vi.fn()} />);
    expect(screen.byTestId("cancel-malum").textContent).toMatch(/è dovuto il ticket/);
  });
});
