import type { InputHTMLAttributes, ReactNode } from "react";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "className" | "type">;

/**
 * A labelled text field for an identifier (codice fiscale, card number, NRE): the label, the
 * hint and, when the field is wrong, its error, both tied to the input for screen readers.
 * The forms keep their own validation; this is the markup they share.
 */
export function CodeField({
  id,
  testId,
  label,
  hint,
  hintId,
  invalid,
  describedBy,
  error,
  value,
  onValue,
  ...input
}: {
  id: string;
  testId: string;
  label: string;
  hint: string;
  hintId: string;
  invalid: boolean | undefined;
  describedBy: string;
  /** The field's error message element, when it has one. */
  error: ReactNode;
  value: string;
  onValue: (value: string) => void;
} & InputProps) {
  return (
    <div className="cup-field">
      <label htmlFor={id}>{label}</label>
      <p className="cup-field__hint" id={hintId}>
        {hint}
      </p>
      <input
        id={id}
        data-testid={testId}
        className="form-control cup-input cup-input--code"
        type="text"
        autoComplete="off"
        required
        aria-required="true"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        {...input}
      />
      {error}
    </div>
  );
}

/** How each identifier is typed. */
export const CODICE_FISCALE_INPUT = { autoCapitalize: "characters", spellCheck: false, maxLength: 16 } as const;
export const TESSERA_INPUT = { inputMode: "numeric", placeholder: "8038000…", maxLength: 24 } as const;
export const NRE_INPUT = { autoCapitalize: "characters", spellCheck: false, maxLength: 15 } as const;

/** A card number keeps its digits (and the spaces some type in groups). */
export const cardDigits = (value: string): string => value.replace(/[^0-9 ]/g, "");
