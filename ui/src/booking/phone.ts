// The SMS phone number by the domain's rules (cup-domain's PhoneNumber, ported): an Italian
// mobile (3..., 9-10 digits) or landline (0..., 6-11 digits) number, with an optional +39 or
// 0039 prefix and separators. The backend checks the same rules; this gives the citizen the
// answer at once, on the field.

export type PhoneErrorCode = "phone_format" | "phone_country" | "phone_prefix" | "phone_length";

/** Why `input` is not a valid SMS number, or null when it is valid or blank (no SMS). */
export function phoneError(input: string): PhoneErrorCode | null {
  const compact = input.replace(/[\s\-/.()]/g, "");
  if (compact === "") return null;
  let national: string;
  if (compact.startsWith("+39")) national = compact.slice(3);
  else if (compact.startsWith("0039")) national = compact.slice(4);
  else if (compact.startsWith("+") || compact.startsWith("00")) return "phone_country";
  else national = compact;
  if (!/^[0-9]+$/.test(national)) return "phone_format";
  const length = national.length;
  if (national.startsWith("3")) return length >= 9 && length <= 10 ? null : "phone_length";
  if (national.startsWith("0") && !national.startsWith("00")) return length >= 6 && length <= 11 ? null : "phone_length";
  return "phone_prefix";
}
