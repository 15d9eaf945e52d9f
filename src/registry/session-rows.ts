// Reading sessions back: the one SELECT that returns sessions with their items (a correlated json_agg,
// so a page or a DataLoader batch costs one round trip), and the mapping of its rows to records that
// tolerates both drivers (pg returns bigint as a string, PGlite as a number).
import type { SqlQueryable } from './sql-executor.js';
import { SESSION_KINDS, type EnqueuedItemRecord, type SessionKey, type SessionKind, type SessionRecord } from './types.js';
import { SESSION_ID_PATTERN } from './validation.js';

export interface SessionRow {
  server: string;
  id: string;
  kind: string;
  remote_host: string | null;
  created_at: Date | string;
  created_by: string | null;
  adopted: boolean;
  last_state: string | null;
  last_seen_at: Date | string | null;
  retried_from: string | null;
  /** json array built by the query; pg and PGlite both hand json back parsed. */
  items: unknown;
}

/** pg returns bigint/count as a string, PGlite as a number. */
export type SqlInteger = number | string;

/** A session row's own columns (`s` is transfer_sessions). */
export const SESSION_COLUMNS = `s.server, s.id, s.kind, s.remote_host, s.created_at, s.created_by, s.adopted,
         s.last_state, s.last_seen_at, s.retried_from`;

/** The items of session `s` as one json array, in enqueue order. */
export const SESSION_ITEMS_JSON = `COALESCE((
           SELECT json_agg(json_build_object(
                    'module', i.module,
                    'name', i.name,
                    'localName', i.local_name,
                    'size', i.size_bytes,
                    'enqueuedAtMs', round(extract(epoch FROM i.enqueued_at) * 1000)
                  ) ORDER BY i.enqueue_order)
             FROM transfer_session_items i
            WHERE i.server = s.server AND i.session_id = s.id
         ), '[]'::json)`;

export const SESSION_SELECT = `
  SELECT ${SESSION_COLUMNS},
         ${SESSION_ITEMS_JSON} AS items
    FROM transfer_sessions s`;

export async function selectKind(tx: SqlQueryable, server: string, id: string): Promise<string | null> {
  const { rows } = await tx.query<{ kind: string }>('SELECT kind FROM transfer_sessions WHERE server = $1 AND id = $2', [
    server,
    id,
  ]);
  return rows[0]?.kind ?? null;
}

/** All requested sessions with their items, in one statement, keyed by keyOf(). */
export async function selectSessions(db: SqlQueryable, keys: readonly SessionKey[]): Promise<Map<string, SessionRecord>> {
  const { rows } = await db.query<SessionRow>(
    `${SESSION_SELECT}
      WHERE (s.server, s.id) IN (SELECT wanted.server, wanted.id FROM unnest($1::text[], $2::text[]) AS wanted(server, id))`,
    [keys.map((key) => key.server), keys.map((key) => key.id)],
  );
  return new Map(rows.map((row) => [keyOf(row.server, row.id), toSessionRecord(row)]));
}

export function isPlausibleKey(key: SessionKey): boolean {
  return (
    typeof key.server === 'string' && key.server.trim() !== '' && typeof key.id === 'string' && SESSION_ID_PATTERN.test(key.id)
  );
}

/** NUL cannot occur in either part, so the joined key is unambiguous. */
export function keyOf(server: string, id: string): string {
  return `${server}\u0000${id}`;
}

export function toSessionRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    server: row.server,
    kind: toSessionKind(row.kind),
    remoteHost: row.remote_host,
    createdAt: toDate(row.created_at),
    createdBy: row.created_by,
    adopted: row.adopted,
    lastState: row.last_state,
    lastSeenAt: row.last_seen_at === null ? null : toDate(row.last_seen_at),
    retriedFrom: row.retried_from,
    items: toItems(row.items),
  };
}

function toSessionKind(value: string): SessionKind {
  const kind = SESSION_KINDS.find((known) => known === value);
  if (kind === undefined) throw new Error(`The registry holds an unknown session kind ${JSON.stringify(value)}.`);
  return kind;
}

function toItems(value: unknown): EnqueuedItemRecord[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) throw new Error('The registry returned items that are not a list.');
  return parsed.map((item: unknown): EnqueuedItemRecord => {
    if (typeof item !== 'object' || item === null) throw new Error('The registry returned a malformed item.');
    const fields = item as Record<string, unknown>;
    const { module, name, localName, size, enqueuedAtMs } = fields;
    if (typeof module !== 'string' || typeof name !== 'string') {
      throw new Error('The registry returned an item without module or name.');
    }
    return {
      module,
      name,
      localName: typeof localName === 'string' ? localName : null,
      size: size === null || size === undefined ? null : toInteger(size),
      enqueuedAt: new Date(toInteger(enqueuedAtMs)),
    };
  });
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toInteger(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`The registry returned a non-numeric value ${String(value)}.`);
  return number;
}
