// Light input checks with clear messages, so a bad argument fails here rather than as a SQL error.
import { SESSION_ID_PATTERN } from '../transfer/session-id.js';
import { RegistryInputError } from './errors.js';
import { SESSION_KINDS, type NewEnqueuedItem, type SessionKind } from './types.js';

export { SESSION_ID_PATTERN };
export const MAX_PAGE_SIZE = 500;
/** Generous bound on any stored name; WHM session ids are 36 characters. */
export const MAX_TEXT_LENGTH = 255;

export function requireSessionId(value: string, field = 'sessionId'): string {
  if (typeof value !== 'string' || !SESSION_ID_PATTERN.test(value) || value.length > MAX_TEXT_LENGTH) {
    throw new RegistryInputError(
      field,
      `${field} must be a WHM transfer session id (letters, digits and underscores only, at most ${MAX_TEXT_LENGTH}); got ${describe(value)}.`,
    );
  }
  return value;
}

export function requireServerName(value: string, field = 'server'): string {
  return requireText(value, field);
}

export function requireKind(value: SessionKind, field = 'kind'): SessionKind {
  if (!SESSION_KINDS.includes(value)) {
    throw new RegistryInputError(field, `${field} must be one of ${SESSION_KINDS.join(', ')}; got ${describe(value)}.`);
  }
  return value;
}

export function requireText(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT_LENGTH) {
    throw new RegistryInputError(field, `${field} must be a non-empty string of at most ${MAX_TEXT_LENGTH} characters.`);
  }
  return value;
}

/** Optional text: undefined, null and "" all mean "not known". */
export function optionalText(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  return requireText(value, field);
}

export function requireDate(value: Date, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RegistryInputError(field, `${field} must be a valid Date.`);
  }
  return value;
}

export function requirePageSize(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new RegistryInputError('first', `first must be an integer from 1 to ${MAX_PAGE_SIZE}; got ${describe(value)}.`);
  }
  return value;
}

export function requireItem(item: NewEnqueuedItem, index: number): NewEnqueuedItem {
  const field = `items[${index}]`;
  const size = item.size;
  if (size !== null && (!Number.isSafeInteger(size) || size < 0)) {
    throw new RegistryInputError(`${field}.size`, `${field}.size must be a whole number of bytes or null.`);
  }
  return {
    module: requireText(item.module, `${field}.module`),
    name: requireText(item.name, `${field}.name`),
    localName: optionalText(item.localName, `${field}.localName`),
    size,
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : String(value);
}
