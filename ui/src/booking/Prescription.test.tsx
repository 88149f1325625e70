import i18next from "i18next";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrescriptionLineView, PrescriptionView, ServiceView } from "../backend";
import { EXTERNAL_LINKS } from "../components/ExternalLink";
import { initI18n } from "../i18n";
import { click, mount, type Screen as Mounted } from "../manage/testing";
import { Prescription } from "./Prescription";

function service(id: number, description: string, kind: ServiceView["kind"]): ServiceView {
  return { id, code: `C${id}`, description, branch: "", kind, tariff_cents: 1_500, preparation: "", preparation_en: "" };
}

function line(n: number, s: ServiceView, reason: string | null, next: string | null, bookedAs: string | null = null): PrescriptionLineView {
  return { line: n, service: s, quantity: 1, bookability: { bookable: reason === null, reason, next_step: next }, booked_as: bookedAs };
}

function prescription(lines: PrescriptionLineView[]): PrescriptionView {
  return {
    nre: "0900A1123456704",
    region_code: "090",
    region_name: "Toscana",
    priority: null,
    effective_priority: "P",
    access: "first",
    exemption: null,
    issued_on: "2026-12-01",
    doctor: "DOTT. MARIO ROSSI",
    question: "",
    lines,
    ticket_cents: 0,
  };
}

const LAB = prescription([
  line(0, service(1, "EMOCROMO COMPLETO", "laboratory"), "laboratory", "zerocoda"),
  line(1, service(2, "GLUCOSIO", "laboratory"), "laboratory", "zerocoda"),
  line(2, service(3, "CREATININA", "laboratory"), "laboratory", "zerocoda"),
]);

describe("the prescription screen's dead ends", () => {
  let screen: Mounted;
  beforeAll(async () => {
    await initI18n();
  });
  afterEach(async () => {
    screen.unmount();
    await i18next.changeLanguage("it");
  });

  const render = (rx: PrescriptionView, onManage = vi.fn()) => {
    screen = mount();
    screen.render(
      <Prescription
        prescription={rx}
        patientName="PAOLO CONTI"
        onHome={vi.fn()}
        onChooseLine={vi.fn()}
        onChooseCombination={vi.fn()}
        onFatal={() => false}
        onManage={onManage}
      />,
    );
    return onManage;
  };
  const count = (text: string, needle: string) => text.split(needle).length - 1;

  it("says what to do about three laboratory tests once, with a link to ZeroCode and the CUP's number", () => {
    render(LAB);
    const text = screen.text();
    expect(count(text, "Cosa fare: prenota il prelievo su ZeroCode")).toBe(1);
    expect(count(text, "questi esami non si prenotano al CUP online")).toBe(1);
    // Each line still says why, in a few words.
    for (const n of [0, 1, 2]) {
      expect(screen.byTestId(`prescription-line-${n}-reason`).textContent).toBe("Esame di laboratorio analisi");
    }
    const link = screen.byTestId<HTMLAnchorElement>("prescription-zerocode-link");
    expect(link.href).toBe(EXTERNAL_LINKS.zerocode);
    expect(link.target).toBe("_blank");
    expect(link.rel).toContain("noopener");
    expect(link.textContent).toContain("(apre un sito esterno)");
    expect(screen.byTestId("prescription-next-step-zerocoda").textContent).toMatch(/800 004477/);
    expect(screen.byTestId("prescription-next-step-zerocoda").textContent).toContain("0900A1123456704");
  });

  it("badges a line already booked «Già prenotata» and offers a real «Vai a Gestisci» button", () => {
    const onManage = render(
      prescription([line(0, service(1, "PRIMA VISITA CARDIOLOGICA", "visit"), "already_booked", "manage_booking", "202612040001")]),
    );
    const tag = screen.byTestId("prescription-line-0-tag");
    expect(tag.textContent).toBe("GIÀ PRENOTATA");
    expect(screen.byTestId("prescription-line-0").textContent).not.toMatch(/NON PRENOTABILE/);
    expect(screen.byTestId("prescription-line-0").textContent).toContain("202612040001");
    const button = screen.byTestId<HTMLButtonElement>("prescription-manage");
    expect(button.tagName).toBe("BUTTON");
    expect(button.textContent).toBe("Vai a Gestisci");
    click(button);
    expect(onManage).toHaveBeenCalledTimes(1);
  });

  it("says it in English too", async () => {
    await i18next.changeLanguage("en");
    render(LAB);
    expect(screen.byTestId("prescription-line-0-tag").textContent).toBe("NOT BOOKABLE HERE");
    expect(screen.byTestId("prescription-zerocode-link").textContent).toContain("(opens an external site)");
    expect(count(screen.text(), "What to do: book the blood sample on ZeroCode")).toBe(1);
  });
});
