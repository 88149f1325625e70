import { describe, expect, it } from "vitest";
import { phoneError } from "./phone";

describe("the SMS phone number follows the domain's rules", () => {
  it("accepts Italian mobiles and landlines with their usual decorations, and blank", () => {
    for (const ok of ["", "  ", "333 123 4567", "348/7147380", "+39 333 1234567", "0039 3331234567", "055890209", "(055) 89.02.09"]) {
      expect(phoneError(ok), ok).toBeNull();
    }
  });

  it("names the rule broken, as the backend does", () => {
    expect(phoneError("333-12a4567")).toBe("phone_format");
    expect(phoneError("+39")).toBe("phone_format");
    expect(phoneError("+44 20 7946 0000")).toBe("phone_country");
    expect(phoneError("0044 20 7946")).toBe("phone_country");
    expect(phoneError("5551234567")).toBe("phone_prefix");
    expect(phoneError("33312")).toBe("phone_length");
    expect(phoneError("0551")).toBe("phone_length");
  });
});
