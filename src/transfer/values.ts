// Coercions for log values: WHM writes numbers as numbers or numeric strings depending on version
// (REFERENCE §2.14, §4), so every reader goes through these instead of trusting the JSON type.

/** Any value JSON.parse can produce. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number from a number or a numeric string; null for anything else. */
export function toFiniteNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!NUMERIC_TEXT.test(trimmed)) return null;
    const parsed = Number(trimmed);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** A non-negative integer (counts, sizes, pids); fractional or negative values are rejected. */
export function toCount(value: unknown): number | null {
  const parsed = toFiniteNumber(value);
  return parsed !== null && parsed >= 0 && Number.isInteger(parsed) ? parsed : null;
}

/** A non-empty string; numbers are turned into text so `"1.6"` and `1.6` read the same. */
export function toText(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** `partial` may be 1, "1" or true. */
export function isTruthyFlag(value: unknown): boolean {
  if (value === true) return true;
  const parsed = toFiniteNumber(value);
  return parsed !== null && parsed !== 0;
}

/** Epoch seconds (number or numeric string) to a Date; null when absent or nonsense. */
export function epochSecondsToDate(value: unknown): Date | null {
  const seconds = toFiniteNumber(value);
  if (seconds === null || seconds < 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

// pkgacct-style lines carry `timestamp: "2020-03-23 10:43:28 -0500"` instead of `time`.
const LOG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*([+-])(\d{2}):?(\d{2})$/;

export function logTimestampToDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = LOG_TIMESTAMP.exec(value.trim());
  if (match === null) return null;
  const [, day, clock, sign, hours, minutes] = match;
  const date = new Date(`${day}T${clock}${sign}${hours}:${minutes}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
