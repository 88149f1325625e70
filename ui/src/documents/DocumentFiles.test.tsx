import i18next from "i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BackendCallError, type Backend, type BookingFilesView } from "../backend";
import { initI18n } from "../i18n";
import { KioskContext } from "../kiosk/context";
import { click, mount, settle, waitFor, type Screen } from "../manage/testing";
import { MissedReminders } from "../reminders/MissedReminders";
import { ReminderPanel } from "../reminders/ReminderSettings";
import { DocumentFiles } from "./DocumentFiles";

const holder = vi.hoisted(() => ({ current: {} as Partial<Backend> }));

vi.mock("../backend", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../backend")>();
  return {
    ...actual,
    backend: new Proxy({} as Backend, { get: (_target, prop) => Reflect.get(holder.current, prop) as unknown }),
  };
});

const CUP = "202600000102";
const FOLDER = `/home/a/.local/share/org.cuptoscana.app/documents/abc/prenotazione-${CUP}`;
const FILES: BookingFilesView = {
  folder: FOLDER,
  promemoria: `${FOLDER}/promemoria.pdf`,
  payment: `${FOLDER}/pagamento.pdf`,
  calendar: `${FOLDER}/appuntamento.ics`,
  archive: `${FOLDER}/tutti-i-documenti.zip`,
};

describe("DocumentFiles", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    screen = mount();
  });
  afterEach(async () => {
    await settle();
    screen.unmount();
  });

  function backendWith(files: BookingFilesView | BackendCallError) {
    const bookingFiles = vi.fn(() => (files instanceof BackendCallError ? Promise.reject(files) : Promise.resolve(files)));
    const openBookingFile = vi.fn((_cup: string, kind: string) =>
      Promise.resolve(kind === "payment" ? (FILES.payment ?? "") : FILES[kind as "promemoria" | "calendar" | "archive" | "folder"]),
    );
    holder.current = { bookingFiles, openBookingFile };
    return { bookingFiles, openBookingFile };
  }

  it("offers the four documents, opens one and says it is saved in the app's documents, with no path on screen", async () => {
    const { bookingFiles, openBookingFile } = backendWith(FILES);
    screen.render(<DocumentFiles cupNumber={CUP} />);
    await waitFor(() => screen.maybe("doc-folder"));
    expect(bookingFiles).toHaveBeenCalledWith(CUP, "it");
    expect(screen.byTestId("doc-folder").textContent).toBe(
      "I documenti vengono salvati nella cartella dei documenti dell'app, su questo dispositivo.",
    );
    for (const [id, label] of [
      ["doc-promemoria", "Scarica il promemoria"],
      ["doc-payment", "Modulo di pagamento"],
      ["doc-calendar", "Aggiungi al calendario"],
      ["doc-archive", "Scarica tutti i documenti"],
    ]) {
      expect(screen.byTestId(id ?? "").textContent).toBe(label);
    }
    expect(screen.maybe("doc-no-payment")).toBeNull();

    click(screen.byTestId("doc-promemoria"));
    await waitFor(() => screen.maybe("doc-opened"));
    expect(openBookingFile).toHaveBeenCalledWith(CUP, "promemoria", "it");
    expect(screen.byTestId("doc-opened").textContent).toBe("Promemoria (PDF): documento aperto. Salvato nei documenti dell'app.");
    // The path stays an attribute for the tests: not shown, not read out.
    expect(screen.byTestId("doc-opened").dataset["path"]).toBe(FILES.promemoria);
    expect(screen.byTestId("doc-status").getAttribute("aria-live")).toBe("polite");
    await waitFor(() => screen.maybe("announcer")?.textContent === "Promemoria (PDF): documento aperto.");

    click(screen.byTestId("doc-calendar"));
    await waitFor(() => screen.maybe("doc-opened")?.dataset["path"] === FILES.calendar);
    expect(screen.byTestId("doc-opened").dataset["kind"]).toBe("calendar");
    expect(screen.byTestId("documents-files").textContent).not.toMatch(/\/|prenotazione-|promemoria\.pdf/);
    // In a browser there is no folder to open.
    expect(screen.maybe("doc-open-folder")).toBeNull();
  });

  it("opens the documents folder in the app", async () => {
    Object.defineProperty(window, "__TAURI_INTERNALS__", { value: {}, configurable: true });
    try {
      const { openBookingFile } = backendWith(FILES);
      screen.render(<DocumentFiles cupNumber={CUP} />);
      const button = await waitFor(() => screen.maybe("doc-open-folder"));
      expect(button.textContent).toBe("Apri la cartella dei documenti");
      click(button);
      await waitFor(() => screen.maybe("doc-opened"));
      expect(openBookingFile).toHaveBeenCalledWith(CUP, "folder", "it");
      expect(screen.byTestId("doc-opened").textContent).toBe("Cartella dei documenti aperta.");
      expect(screen.byTestId("documents-files").textContent).not.toContain(FOLDER);
    } finally {
      Reflect.deleteProperty(window, "__TAURI_INTERNALS__");
    }
  });

  it("has no payment form when there is nothing to pay, and says so", async () => {
    backendWith({ ...FILES, payment: null });
    screen.render(<DocumentFiles cupNumber={CUP} />);
    await waitFor(() => screen.maybe("doc-no-payment"));
    expect(screen.maybe("doc-payment")).toBeNull();
    expect(screen.byTestId("doc-no-payment").textContent).toBe(
      "Non c'è nulla da pagare per questa prenotazione: non serve il modulo di pagamento.",
    );
  });

  it("speaks English and passes the language on", async () => {
    await i18next.changeLanguage("en");
    const { bookingFiles } = backendWith(FILES);
    screen.render(<DocumentFiles cupNumber={CUP} />);
    await waitFor(() => screen.maybe("doc-folder"));
    expect(bookingFiles).toHaveBeenCalledWith(CUP, "en");
    expect(screen.byTestId("doc-promemoria").textContent).toBe("Download the reminder");
    expect(screen.byTestId("doc-folder").textContent).toBe("The documents are saved in the app's documents folder, on this device.");
  });

  it("shows nothing where the device keeps no documents (a kiosk)", async () => {
    backendWith(new BackendCallError({ code: "documents_off", message: "off" }));
    screen.render(<DocumentFiles cupNumber={CUP} />);
    await settle();
    expect(screen.maybe("documents-files")).toBeNull();
  });

  it("translates a failure to open", async () => {
    const { openBookingFile } = backendWith(FILES);
    openBookingFile.mockImplementationOnce(() =>
      Promise.reject(new BackendCallError({ code: "document_open_failed", message: "no viewer" })),
    );
    screen.render(<DocumentFiles cupNumber={CUP} />);
    await waitFor(() => screen.maybe("doc-folder"));
    click(screen.byTestId("doc-archive"));
    const error = await waitFor(() => screen.maybe("doc-error"));
    expect(error.dataset["code"]).toBe("document_open_failed");
    expect(error.textContent).toContain("non c'è un programma per aprirlo");
  });
});

describe("DocumentFiles on a kiosk", () => {
  it("is not there (the kiosk has its own take-home) and asks nothing", async () => {
    await initI18n();
    const bookingFiles = vi.fn();
    holder.current = { bookingFiles };
    const screen = mount();
    screen.render(
      <KioskContext.Provider value={{ printer: false }}>
        <DocumentFiles cupNumber={CUP} />
        <ReminderPanel />
        <MissedReminders />
      </KioskContext.Provider>,
    );
    await settle();
    expect(screen.maybe("documents-files")).toBeNull();
    expect(screen.maybe("reminders-panel")).toBeNull();
    expect(bookingFiles).not.toHaveBeenCalled();
    screen.unmount();
  });
});
