// SessionRegistry over any SqlExecutor, in portable PostgreSQL: the writes (record a session, its
// items, its state) live here; reading rows back is session-rows.ts, listing is session-list.ts.
import { SessionKindConflictError, SessionNotFoundError } from './errors.js';
import { countSessions, listSessions } from './session-list.js';
import { SessionItemsCache } from './session-items-cache.js';
import { isPlausibleKey, keyOf, selectKind, selectSessions } from './session-rows.js';
import { SqlIdempotencyKeys } from './idempotency-keys.js';
import type { SqlExecutor } from './sql-executor.js';
import { SqlWebhookOutbox } from './webhook-outbox.js';
import { SqlWriteJournal } from './write-journal.js';
import type {
  ListSessionsOptions,
  NewEnqueuedItem,
  NewSession,
  SessionKey,
  SessionPage,
  SessionRecord,
  SessionRegistry,
} from './types.js';
import {
  optionalText,
  requireDate,
  requireItem,
  requireKind,
  requireServerName,
  requireSessionId,
  requireText,
} from './validation.js';

export class SqlSessionRegistry implements SessionRegistry {
  readonly #executor: SqlExecutor;
  readonly writeJournal: SqlWriteJournal;
  readonly idempotencyKeys: SqlIdempotencyKeys;
  readonly webhookOutbox: SqlWebhookOutbox;
  /** Sessions' items between reads: a session's items are sent again only when it has more. */
  readonly #items = new SessionItemsCache();

  constructor(executor: SqlExecutor) {
    this.#executor = executor;
    this.writeJournal = new SqlWriteJournal(executor);
    this.idempotencyKeys = new SqlIdempotencyKeys(executor);
    this.webhookOutbox = new SqlWebhookOutbox(executor);
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
    const found = await this.#items.select(this.#executor, wanted);
    return keys.map((key) => found.get(keyOf(key.server, key.id)) ?? null);
  }

  list(options: ListSessionsOptions): Promise<SessionPage> {
    return listSessions(this.#executor, options);
  }

  count(): Promise<number> {
    return countSessions(this.#executor);
  }

  close(): Promise<void> {
    return this.#executor.close();
  }
}
