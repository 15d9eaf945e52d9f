// WHM's loose wire values to proper GraphQL values (REFERENCE §3.3: numbers and flags may be strings).
import type { WhmFlag, WhmNumber } from '../whm/types.js';

export function toBoolean(value: WhmFlag | boolean | null | undefined): boolean {
  return value === 1 || value === '1' || value === true;
}

/** null stays null: "unknown" is not "false". */
export function toOptionalBoolean(value: WhmFlag | boolean | null | undefined): boolean | null {
  return value === null || value === undefined ? null : toBoolean(value);
}

export function toNumber(value: WhmNumber | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Epoch seconds (number or numeric string) to a Date. */
export function epochToDate(value: WhmNumber | null | undefined): Date | null {
  const seconds = toNumber(value);
  return seconds === null || seconds <= 0 ? null : new Date(seconds * 1000);
}

export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // WHM sends versions as strings or numbers; anything else is shown as JSON rather than "[object Object]".
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

/** WHM joins multi-line warnings with newlines. */
export function toLines(value: string | null | undefined): string[] {
  return (value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
