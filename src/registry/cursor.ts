// Opaque pagination cursors: base64url of the JSON sort key [createdAt ISO, id, server] of the last
// row of a page. Keyset (not offset) pagination, so inserts between pages cause no duplicates or gaps.
import { InvalidCursorError } from './errors.js';
import { SESSION_ID_PATTERN } from './validation.js';

export interface SessionSortKey {
  createdAt: Date;
  id: string;
  server: string;
}

export function encodeCursor(key: SessionSortKey): string {
  return Buffer.from(JSON.stringify([key.createdAt.toISOString(), key.id, key.server]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SessionSortKey {
  if (typeof cursor !== 'string' || cursor === '') {
    throw new InvalidCursorError('it is empty');
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
  const createdAt = new Date(createdAtText);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== createdAtText) {
    throw new InvalidCursorError('its timestamp is malformed');
  }
  if (!SESSION_ID_PATTERN.test(id) || server.trim() === '') {
    throw new InvalidCursorError('its session key is malformed');
  }
  return { createdAt, id, server };
}
