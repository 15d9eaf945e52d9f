// Opaque pagination cursors: base64url of the JSON sort key [createdAt ISO, id, server] of the last
// row of a page. Keyset (not offset) pagination, so inserts between pages cause no duplicates or gaps.
// A cursor comes from the client, so it is validated as fully as any input: whatever reaches the
// database is a key the registry could have stored, never something PostgreSQL would refuse itself.
import { InvalidCursorError } from './errors.js';
import { MAX_TEXT_LENGTH, SESSION_ID_PATTERN } from './validation.js';

export interface SessionSortKey {
  createdAt: Date;
  id: string;
  server: string;
}

export function encodeCursor(key: SessionSortKey): string {
  return Buffer.from(JSON.stringify([key.createdAt.toISOString(), key.id, key.server]), 'utf8').toString('base64url');
}

/** Far above the longest real cursor (a timestamp and two names of at most MAX_TEXT_LENGTH, escaped). */
const MAX_CURSOR_LENGTH = 4096;
/** Only the form toISOString() gives for years 0001-9999: no extended years, no offsets. */
const ISO_TIMESTAMP = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Control characters (NUL among them: PostgreSQL text cannot hold it) and unpaired UTF-16 halves. */
const UNSTORABLE_CHARACTER = /[\p{Cc}\p{Cs}]/u;

export function decodeCursor(cursor: string): SessionSortKey {
  if (typeof cursor !== 'string' || cursor === '') {
    throw new InvalidCursorError('it is empty');
  }
  if (cursor.length > MAX_CURSOR_LENGTH) {
    throw new InvalidCursorError('it is far too long');
  }
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder skips bad characters silently; a canonical round trip proves the text was ours.
  if (bytes.toString('base64url') !== cursor) {
    throw new InvalidCursorError('it is not base64url');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidCursorError('it does not decode to a sort key');
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) {
    throw new InvalidCursorError('it does not decode to a sort key');
  }
  const [createdAtText, id, server] = decoded as unknown[];
  if (typeof createdAtText !== 'string' || typeof id !== 'string' || typeof server !== 'string') {
    throw new InvalidCursorError('it does not decode to a sort key');
  }
  return { createdAt: requireCursorTimestamp(createdAtText), id: requireCursorId(id), server: requireCursorServer(server) };
}

function requireCursorTimestamp(text: string): Date {
  const year = Number(ISO_TIMESTAMP.exec(text)?.[1] ?? 0);
  const createdAt = new Date(text);
  // The round trip rejects impossible dates (2024-02-30) that Date would silently move.
  if (year < 1 || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== text) {
    throw new InvalidCursorError('its timestamp is malformed or out of range');
  }
  return createdAt;
}

function requireCursorId(id: string): string {
  if (!SESSION_ID_PATTERN.test(id) || id.length > MAX_TEXT_LENGTH) {
    throw new InvalidCursorError('its session id is malformed');
  }
  return id;
}

function requireCursorServer(server: string): string {
  if (server.trim() === '' || server.length > MAX_TEXT_LENGTH || UNSTORABLE_CHARACTER.test(server)) {
    throw new InvalidCursorError('its server name is malformed');
  }
  return server;
}
