import i18next from "i18next";
import { useState } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BackendCallError, type BookingList } from "../backend";
import { initI18n } from "../i18n";
import { Retrieve } from "./Retrieve";
import { checkRetrieval, EMPTY_RETRIEVE, type RetrieveValues } from "./retrieval";
import { click, mount, type, waitFor, type Screen } from "./testing";

const EMPTY_LIST: BookingList = { bookings: [], source: "backend", updatedAt: null };

function Harness({ search, onResults }: { search: (v: RetrieveValues) => Promise<BookingList>; onResults: (l: BookingList) => void }) {
  const [values, setValues] = useState<RetrieveValues>(EMPTY_RETRIEVE);
  return <Retrieve values={values} onChange={setValues} search={search} onResults={onResults} onFatal={() => false} />;
}

describe("checkRetrieval", () => {
  it("asks for nothing when listing all bookings", () => {
    expect(checkRetrieval({ mode: "all", value: "" })).toBeNull();
  });

  it("requires the value of the chosen mode, naming it", () => {
    expect(checkRetrieval({ mode: "pin", value: " " })).toMatchObject({ code: "required", field: "pin" });
    expect(checkRetrieval({ mode: "nre", value: "" })).toMatchObject({ code: "required", field: "nre" });
  });

  it("checks the shape of each identifier with the domain's codes", () => {
    expect(checkRetrieval({ mode: "pin", value: "1234 5674" })).toBeNull();
    expect(checkRetrieval({ mode: "pin", value: "1234567" })?.code).toBe("pin_length");
    expect(checkRetrieval({ mode: "pin", value: "1234567a" })?.code).toBe("pin_format");
    expect(checkRetrieval({ mode: "cup_number", value: "202314155328" })).toBeNull();
    expect(checkRetrieval({ mode: "cup_number", value: "20231415532" })?.code).toBe("cup_number_length");
    expect(checkRetrieval({ mode: "cup_number", value: "20231415532X" })?.code).toBe("cup_number_format");
    expect(checkRetrieval({ mode: "nre", value: "0900a4262701932" })).toBeNull();
    expect(checkRetrieval({ mode: "nre", value: "0900A42627019" })?.code).toBe("nre_length");
  });
});

describe("Retrieve", () => {
  let screen: Screen;
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(async () => {
    await i18next.changeLanguage("it");
    screen = mount();
  });
  afterEach(() => screen.unmount());

  const label = () => screen.container.querySelector('label[for="manage-value"]')?.textContent ?? "";

  it("offers the seed's three retrieval modes plus all bookings, CUP number first", () => {
    screen.render(<Harness search={vi.fn()} onResults={vi.fn()} />);
    const text = screen.text();
    expect(text).toContain("Codice PIN rilasciato dal Call Center CUP");
    expect(text).toContain("Numero prenotazione CUP");
    expect(text).toContain("Numero Ricetta");
    expect(text).toContain("Tutte le mie prenotazioni");
    expect(screen.byTestId<HTMLInputElement>("manage-mode-cup").checked).toBe(true);
    expect(label()).toBe("Numero prenotazione CUP*");
  });

  it("switches the value field with the mode: label, keypad, and none for all bookings", () => {
    screen.render(<Harness search={vi.fn()} onResults={vi.fn()} />);
    click(screen.byTestId("manage-mode-pin"));
    expect(label()).toBe("Codice PIN*");
    expect(screen.byTestId("manage-value").getAttribute("inputmode")).toBe("numeric");
    click(screen.byTestId("manage-mode-nre"));
    expect(label()).toBe("Numero Ricetta*");
    expect(screen.byTestId("manage-value").getAttribute("inputmode")).toBe("text");
    click(screen.byTestId("manage-mode-all"));
    expect(screen.maybe("manage-value")).toBeNull();
    expect(screen.text()).toContain("anche quelle disdette");
  });

  it("says what is wrong with the value on its field, without searching", async () => {
    const search = vi.fn<(v: RetrieveValues) => Promise<BookingList>>();
    screen.render(<Harness search={search} onResults={vi.fn()} />);
    click(screen.byTestId("manage-mode-pin"));
    click(screen.byTestId("manage-search"));
    expect(screen.byTestId("field-error-value").textContent).toBe("Questo campo è obbligatorio.");
    expect(screen.byTestId("manage-search-error-summary").getAttribute("role")).toBe("alert");
    expect(screen.byTestId("manage-value").getAttribute("aria-invalid")).toBe("true");
    type(screen.byTestId("manage-value"), "1234abcd");
    click(screen.byTestId("manage-search"));
    expect(screen.byTestId("field-error-value").textContent).toBe("Il Codice PIN contiene solo cifre.");
    await waitFor(() => document.activeElement === screen.byTestId("manage-value"));
    expect(search).not.toHaveBeenCalled();
  });

  it("forgets the previous mode's value and error when the mode changes", () => {
    screen.render(<Harness search={vi.fn()} onResults={vi.fn()} />);
    type(screen.byTestId("manage-value"), "123");
    click(screen.byTestId("manage-search"));
    expect(screen.byTestId("field-error-value").textContent).toBe("Il Numero prenotazione CUP deve avere 12 cifre.");
    click(screen.byTestId("manage-mode-pin"));
    expect(screen.maybe("field-error-value")).toBeNull();
    expect(screen.byTestId<HTMLInputElement>("manage-value").value).toBe("");
  });

  it("searches with the value without spaces and hands over the results", async () => {
    const search = vi.fn((_v: RetrieveValues) => Promise.resolve(EMPTY_LIST));
    const onResults = vi.fn();
    screen.render(<Harness search={search} onResults={onResults} />);
    type(screen.byTestId("manage-value"), "2023 1415 5328");
    click(screen.byTestId("manage-search"));
    await waitFor(() => onResults.mock.calls.length > 0);
    expect(search).toHaveBeenCalledWith({ mode: "cup_number", value: "202314155328" });
    expect(onResults).toHaveBeenCalledWith(EMPTY_LIST, { mode: "cup_number", value: "202314155328" });
  });

  it("shows the backend's verdict on the value field (a mistyped PIN)", async () => {
    const search = vi.fn(() => Promise.reject(new BackendCallError({ code: "pin_check", message: "x", field: "pin" })));
    screen.render(<Harness search={search} onResults={vi.fn()} />);
    click(screen.byTestId("manage-mode-pin"));
    type(screen.byTestId("manage-value"), "12345675");
    click(screen.byTestId("manage-search"));
    const error = await waitFor(() => screen.maybe("field-error-value"));
    expect(error.textContent).toMatch(/Il Codice PIN non è corretto/);
  });

  it("translates other failures, with a retry when it can help", async () => {
    const search = vi.fn(() => Promise.reject(new BackendCallError({ code: "unreachable", message: "connection refused" })));
    screen.render(<Harness search={search} onResults={vi.fn()} />);
    click(screen.byTestId("manage-mode-all"));
    click(screen.byTestId("manage-search"));
    const error = await waitFor(() => screen.maybe("manage-search-error"));
    expect(error.textContent).toContain("non è raggiungibile");
    expect(error.textContent).not.toContain("connection refused");
    expect(screen.maybe("error-retry")).not.toBeNull();
  });

  it("speaks English too", async () => {
    await i18next.changeLanguage("en");
    screen.render(<Harness search={vi.fn()} onResults={vi.fn()} />);
    expect(screen.text()).toContain("PIN given by the CUP Call Centre");
    expect(label()).toBe("CUP booking number*");
  });
});
