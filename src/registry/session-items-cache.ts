// getMany's read: sessions with their items, sending a session's items only when this process does
// not hold them already. Items are only ever added to a session (never changed or removed; the
// primary key drops repeats), so as many items as the list held means the same items. A monitoring
// query on a session of thousands of items then costs one plain row (its item_count, kept by the
// database), not the aggregation, transfer and parse of every item; other replicas' additions change
// the count. Sessions whose count differs have their items read by a second statement.
import type { SqlQueryable } from './sql-executor.js';
import { keyOf, SESSION_COLUMNS, SESSION_ITEMS_JSON, toInteger, toSessionRecord, type SessionRow } from './session-rows.js';
import type { EnqueuedItemRecord, SessionKey, SessionRecord } from './types.js';

/** Items kept over all sessions at most (a few hundred bytes each). */
export const DEFAULT_MAX_CACHED_ITEMS = 100_000;

const WANTED_SESSIONS = `unnest($1::text[], $2::text[]) AS wanted(server, id)
    JOIN transfer_sessions s ON s.server = wanted.server AND s.id = wanted.id`;

const SELECT_SESSIONS = `SELECT ${SESSION_COLUMNS}, s.item_count FROM ${WANTED_SESSIONS}`;

/** The items as they are now: possibly more than the count read just before (items are only added). */
const SELECT_ITEMS = `SELECT s.server, s.id, ${SESSION_ITEMS_JSON} AS items FROM ${WANTED_SESSIONS}`;

type CountedRow = Omit<SessionRow, 'items'> & { item_count: number | string };

export class SessionItemsCache {
  /** Least recently used first. A list is never changed once here: a grown session gets a new one. */
  readonly #lists = new Map<string, readonly EnqueuedItemRecord[]>();
  #itemCount = 0;

  constructor(readonly maxItems = DEFAULT_MAX_CACHED_ITEMS) {}

  /** The sessions found, keyed by keyOf(); each record has an items array of its own. */
  async select(db: SqlQueryable, keys: readonly SessionKey[]): Promise<Map<string, SessionRecord>> {
    const servers = keys.map((key) => key.server);
    const ids = keys.map((key) => key.id);
    const { rows } = await db.query<CountedRow>(SELECT_SESSIONS, [servers, ids]);
    // Taken after the count: the answer refers to these lists, whatever happens to the cache meanwhile.
    const held = new Map(rows.map((row) => [keyOf(row.server, row.id), this.#lists.get(keyOf(row.server, row.id))]));
    // No list held and a count of 0: there are no items to read.
    const stale = rows.filter((row) => (held.get(keyOf(row.server, row.id))?.length ?? 0) !== toInteger(row.item_count));
    const read = stale.length === 0 ? new Map<string, unknown>() : await this.#readItems(db, stale);
    const records = new Map<string, SessionRecord>();
    for (const row of rows) {
      const key = keyOf(row.server, row.id);
      const record = toSessionRecord({ ...row, items: read.get(key) ?? [] });
      const kept = held.get(key);
      if (read.has(key)) this.#remember(key, record.items);
      else if (kept) {
        this.#touch(key, kept);
        record.items = [...kept];
      }
      records.set(key, record);
    }
    return records;
  }

  async #readItems(db: SqlQueryable, rows: readonly CountedRow[]): Promise<Map<string, unknown>> {
    const { rows: found } = await db.query<{ server: string; id: string; items: unknown }>(SELECT_ITEMS, [
      rows.map((row) => row.server),
      rows.map((row) => row.id),
    ]);
    return new Map(found.map((row) => [keyOf(row.server, row.id), row.items]));
  }

  #remember(key: string, items: readonly EnqueuedItemRecord[]): void {
    this.#forget(key);
    if (items.length === 0 || items.length > this.maxItems) return;
    this.#lists.set(key, [...items]);
    this.#itemCount += items.length;
    for (const [oldest, list] of this.#lists) {
      if (this.#itemCount <= this.maxItems) break;
      this.#forget(oldest, list);
    }
  }

  #touch(key: string, list: readonly EnqueuedItemRecord[]): void {
    if (this.#lists.get(key) !== list) return;
    this.#lists.delete(key);
    this.#lists.set(key, list);
  }

  #forget(key: string, list = this.#lists.get(key)): void {
    if (list === undefined) return;
    this.#lists.delete(key);
    this.#itemCount -= list.length;
  }
}
