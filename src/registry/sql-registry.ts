// SessionRegistry over any SqlExecutor, in portable PostgreSQL. Reads always return sessions with
// their items from ONE statement (a correlated json_agg), so a page or a DataLoader batch costs one
// round trip however many sessions it holds.
import { decodeCursor, encodeCursor } from './cursor.js';
import { SessionKindConflictError, SessionNotFoundError } from './errors.js';
import type { SqlExecutor, SqlQueryable, SqlValue } from './sql-executor.js';
import {
  SESSION_KINDS,
  type EnqueuedItemRecord,
  type ListSessionsOptions,
  type NewEnqueuedItem,
  type NewSession,
  type SessionFilter,
  type SessionKey,
  type SessionKind,
  type SessionPage,
  type SessionRecord,
  type SessionRegistry,
} from './types.js';
import {
  SESSION_ID_PATTERN,
  optionalText,
  requireDate,
  requireItem,
  requireKind,
  requirePageSize,
  requireServerName,
  requireSessionId,
  requireText,
} from './validation.js';

interface SessionRow {
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
type SqlInteger = number | string;

const SESSION_SELECT = `
  SELECT s.server, s.id, s.kind, s.remote_host, s.created_at, s.created_by, s.adopted,
         s.last_state, s.last_seen_at, s.retried_from,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'module', i.module,
                    'name', i.name,
                    'localName', i.local_name,
                    'size', i.size_bytes,
                    'enqueuedAtMs', round(extract(epoch FROM i.enqueued_at) * 1000)
                  ) ORDER BY i.enqueue_order)
             FROM transfer_session_items i
            WHERE i.server = s.server AND i.session_id = s.id
         ), '[]'::json) AS items
    FROM transfer_sessions s`;

const NEWEST_FIRST = 'ORDER BY s.created_at DESC, s.id DESC, s.server DESC';

export class SqlSessionRegistry implements SessionRegistry {
  readonly #executor: SqlExecutor;

  constructor(executor: SqlExecutor) {
    this.#executor = executor;
  }

  async recordSession(session: NewSession): Promise<SessionRecord> {
    // Only the listed fields are read, so nothing else a caller passes along can reach the database.
    const server = requireServerName(session.server);
    const id = requireSessionId(session.id, 'id');
    const kind = requireKind(session.kind);
    const remoteHost = optionalText(session.remoteHost, 'remoteHost');
    const createdAt = requireDate(session.createdAt ?? new Date(), 'createdAt');
    const createdBy = optionalText(session.createdBy, 'createdBy');
    const adopted = session.adopted ?? false;
    const lastState = optionalText(session.lastState, 'lastState');
    const lastSeenAt = lastState === null ? null : new Date();
    const retriedFrom = session.retriedFrom ? requireSessionId(session.retriedFrom, 'retriedFrom') : null;

    return this.#executor.transaction(async (tx) => {
      // createdAt, createdBy, adopted and items are facts of the first recording and never change;
      // remoteHost and lastState are filled in when a later recording knows them.
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO transfer_sessions
           (server, id, kind, remote_host, created_at, created_by, adopted, last_state, last_seen_at, retried_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (server, id) DO UPDATE SET
           remote_host  = COALESCE(EXCLUDED.remote_host, transfer_sessions.remote_host),
           last_state   = COALESCE(EXCLUDED.last_state, transfer_sessions.last_state),
           last_seen_at = COALESCE(EXCLUDED.last_seen_at, transfer_sessions.last_seen_at)
         WHERE transfer_sessions.kind = EXCLUDED.kind
         RETURNING id`,
        [server, id, kind, remoteHost, createdAt, createdBy, adopted, lastState, lastSeenAt, retriedFrom],
      );
      if (rows.length === 0) {
        const recordedKind = await selectKind(tx, server, id);
        throw new SessionKindConflictError(server, id, recordedKind ?? 'unknown', kind);
      }
      const record = await selectSessions(tx, [{ server, id }]);
      const recorded = record.get(keyOf(server, id));
      if (recorded === undefined) {
        throw new Error(`Transfer session ${id} on ${server} vanished while being recorded.`);
      }
      return recorded;
    });
  }

  async recordItems(server: string, sessionId: string, items: readonly NewEnqueuedItem[]): Promise<void> {
    requireServerName(server);
    requireSessionId(sessionId);
    const validItems = items.map((item, index) => requireItem(item, index));
    const enqueuedAt = new Date();

    await this.#executor.transaction(async (tx) => {
      if ((await selectKind(tx, server, sessionId)) === null) {
        throw new SessionNotFoundError(server, sessionId);
      }
      if (validItems.length === 0) return;
      // One statement for the whole batch; ON CONFLICT also drops repeats within the batch itself.
      await tx.query(
        `INSERT INTO transfer_session_items
           (server, session_id, module, name, local_name, size_bytes, enqueued_at)
         SELECT $1, $2, item.module, item.name, item.local_name, item.size_bytes, $7
           FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[])
                WITH ORDINALITY AS item(module, name, local_name, size_bytes, position)
          ORDER BY item.position
         ON CONFLICT (server, session_id, module, name) DO NOTHING`,
        [
          server,
          sessionId,
          validItems.map((item) => item.module),
          validItems.map((item) => item.name),
          validItems.map((item) => item.localName),
          validItems.map((item) => item.size),
          enqueuedAt,
        ],
      );
    });
  }

  async recordState(server: string, sessionId: string, state: string, seenAt: Date = new Date()): Promise<void> {
    requireServerName(server);
    requireSessionId(sessionId);
    requireText(state, 'state');
    requireDate(seenAt, 'seenAt');

    await this.#executor.transaction(async (tx) => {
      // Pollers (or replicas) may report out of order: an older observation never overwrites a newer one.
      const { rows } = await tx.query<{ id: string }>(
        `UPDATE transfer_sessions SET last_state = $3, last_seen_at = $4
          WHERE server = $1 AND id = $2 AND (last_seen_at IS NULL OR last_seen_at <= $4)
          RETURNING id`,
        [server, sessionId, state, seenAt],
      );
      if (rows.length === 0 && (await selectKind(tx, server, sessionId)) === null) {
        throw new SessionNotFoundError(server, sessionId);
      }
    });
  }

  async get(server: string, sessionId: string): Promise<SessionRecord | null> {
    requireServerName(server);
    requireSessionId(sessionId);
    const [record] = await this.getMany([{ server, id: sessionId }]);
    return record ?? null;
  }

  async getMany(keys: readonly SessionKey[]): Promise<(SessionRecord | null)[]> {
    // A malformed key cannot match a stored row (writes validate), so it is a miss, not an error
    // that would fail its neighbours in a DataLoader batch.
    const wanted = keys.filter((key) => isPlausibleKey(key));
    if (wanted.length === 0) return keys.map(() => null);
    const found = await selectSessions(this.#executor, wanted);
    return keys.map((key) => found.get(keyOf(key.server, key.id)) ?? null);
  }

  async list(options: ListSessionsOptions): Promise<SessionPage> {
    const pageSize = requirePageSize(options.first);
    const after = options.after === undefined || options.after === null ? null : decodeCursor(options.after);
    const filterParams: SqlValue[] = [];
    const filterConditions = buildFilterConditions(options.filter ?? {}, filterParams);

    return this.#executor.transaction(async (tx) => {
      const { rows: countRows } = await tx.query<{ total: SqlInteger }>(
        `SELECT count(*) AS total FROM transfer_sessions s ${whereClause(filterConditions)}`,
        filterParams,
      );
      const pageParams = [...filterParams];
      const pageConditions = [...filterConditions];
      if (after !== null) {
        pageParams.push(after.createdAt, after.id, after.server);
        const n = pageParams.length;
        // Strictly after the previous page's last row in (created_at, id, server) DESC order.
        pageConditions.push(`(s.created_at, s.id, s.server) < ($${n - 2}::timestamptz, $${n - 1}::text, $${n}::text)`);
      }
      pageParams.push(pageSize + 1); // one extra row tells whether another page exists
      const { rows } = await tx.query<SessionRow>(
        `${SESSION_SELECT} ${whereClause(pageConditions)} ${NEWEST_FIRST} LIMIT $${pageParams.length}`,
        pageParams,
      );
      const sessions = rows.slice(0, pageSize).map(toSessionRecord);
      const last = sessions.at(-1);
      return {
        sessions,
        totalCount: toInteger(countRows[0]?.total ?? 0),
        hasNextPage: rows.length > pageSize,
        endCursor: last === undefined ? null : encodeCursor(last),
      };
    });
  }

  async count(): Promise<number> {
    const { rows } = await this.#executor.query<{ total: SqlInteger }>(
      'SELECT count(*) AS total FROM transfer_sessions',
    );
    return toInteger(rows[0]?.total ?? 0);
  }

  close(): Promise<void> {
    return this.#executor.close();
  }
}

async function selectKind(tx: SqlQueryable, server: string, id: string): Promise<string | null> {
  const { rows } = await tx.query<{ kind: string }>(
    'SELECT kind FROM transfer_sessions WHERE server = $1 AND id = $2',
    [server, id],
  );
  return rows[0]?.kind ?? null;
}

/** All requested sessions with their items, in one statement, keyed by keyOf(). */
async function selectSessions(db: SqlQueryable, keys: readonly SessionKey[]): Promise<Map<string, SessionRecord>> {
  const { rows } = await db.query<SessionRow>(
    `${SESSION_SELECT}
      WHERE (s.server, s.id) IN (SELECT wanted.server, wanted.id FROM unnest($1::text[], $2::text[]) AS wanted(server, id))`,
    [keys.map((key) => key.server), keys.map((key) => key.id)],
  );
  return new Map(rows.map((row) => [keyOf(row.server, row.id), toSessionRecord(row)]));
}

function buildFilterConditions(filter: SessionFilter, params: SqlValue[]): string[] {
  const conditions: string[] = [];
  const bind = (value: SqlValue): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.server !== undefined) {
    conditions.push(`s.server = ${bind(requireServerName(filter.server, 'filter.server'))}`);
  }
  if (filter.servers !== undefined) {
    const servers = filter.servers.map((server, index) => requireServerName(server, `filter.servers[${index}]`));
    conditions.push(`s.server = ANY(${bind(servers)}::text[])`);
  }
  if (filter.states !== undefined && filter.states.length > 0) {
    const states = filter.states.map((state, index) => requireText(state, `filter.states[${index}]`));
    conditions.push(`s.last_state = ANY(${bind(states)}::text[])`);
  }
  if (filter.kinds !== undefined && filter.kinds.length > 0) {
    const kinds = filter.kinds.map((kind, index) => requireKind(kind, `filter.kinds[${index}]`));
    conditions.push(`s.kind = ANY(${bind(kinds)}::text[])`);
  }
  if (filter.retriedFrom !== undefined) {
    conditions.push(`s.retried_from = ${bind(requireSessionId(filter.retriedFrom, 'filter.retriedFrom'))}`);
  }
  return conditions;
}

function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

function isPlausibleKey(key: SessionKey): boolean {
  return typeof key.server === 'string' && key.server.trim() !== '' && typeof key.id === 'string' && SESSION_ID_PATTERN.test(key.id);
}

/** NUL cannot occur in either part, so the joined key is unambiguous. */
function keyOf(server: string, id: string): string {
  return `${server}\u0000${id}`;
}

function toSessionRecord(row: SessionRow): SessionRecord {
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

function toInteger(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`The registry returned a non-numeric value ${String(value)}.`);
  return number;
}
