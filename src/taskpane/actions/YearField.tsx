import { Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { isYear } from '../../core/text/dates';
import { newYearText } from '../../addin/text';

/** A four-digit year from FIRST_YEAR to LAST_YEAR (the core's), or null. */
export function parseYear(text: string): number | null {
  const t = text.trim();
  return /^\d{4}$/.test(t) && isYear(Number(t)) ? Number(t) : null;
}

/** The year a flow writes for, with the reason when it cannot be read. */
export function YearField({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} validationState={error ? 'error' : 'none'} validationMessage={error ?? undefined}>
      <Input value={value} onChange={(_, d) => onChange(d.value)} inputMode="numeric" />
    </Field>
  );
}

/**
 * The state of a year field: its text, the reason it cannot be read (shown at the field), and
 * `read()`, which gives the year or shows that reason and gives null.
 */
export function useYear(initial: number) {
  const [text, setText] = useState(String(initial));
  const [error, setError] = useState<string | null>(null);
  /** The year, or null with the reason shown: not a year, or refused by `check`. */
  const read = (check?: (year: number) => string | null): number | null => {
    const year = parseYear(text);
    const problem = year === null ? newYearText.badYear : (check?.(year) ?? null);
    setError(problem);
    return problem === null ? year : null;
  };
  return { field: { value: text, error, onChange: setText }, read };
}
