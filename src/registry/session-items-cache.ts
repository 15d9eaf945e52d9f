// getMany's read: sessions with their items, in one statement, that sends a session's items only when
// this process does not hold them already. Items are only ever added to a session (never changed or
// removed; the primary key drops repeats), so as many items as the list held means the same items.
// A monitoring query on a session of thousands of items then costs a count, not the aggregation,
// transfer and parse of every item on every request. Other replicas' additions change the count.
import type { SqlQueryable } from './sql-executor.js';
import { keyOf, SESSION_COLUMNS, SESSION_ITEMS_JSON, toInteger, toSessionRecord, type SessionRow } from './session-rows.js';
import type { EnqueuedItemRecord, SessionKey, SessionRecord } from './types.js';

/** Items kept over all sessions at most (a few hundred bytes each). */
export const DEFAULT_MAX_CACHED_ITEMS = 100_000;

// `wanted.known`: the number of items held for the session, -1 for none; items come back only when
// the session's item_count (kept by the statement that inserts items) differs. Count and items are
// read in the same statement, so they agree.
const SELECT_SESSIONS_REUSING_ITEMS = `
  SELECT ${SESSION_COLUMNS},
         s.item_count,
         CASE WHEN s.item_count = wanted.known THEN NULL ELSE ${SESSION_ITEMS_JSON} END AS items
    FROM unnest($1::text[], $2::text[], $3::int[]) AS wanted(server, id, known)
    JOIN transfer_sessions s ON s.server = wanted.server AND s.id = wanted.id`;

interface CountedRow extends SessionRow {
  item_count: number | string;
}

export class SessionItemsCache {
  /** Least recently used first. A list is never changed once here: a grown session gets a new one. */
  readonly #lists = new Map<string, readonly EnqueuedItemRecord[]>();
  #itemCount = 0;

  constructor(readonly maxItems = DEFAULT_MAX_CACHED_ITEMS) {}

  /** The sessions found, keyed by keyOf(); each record has an items array of its own. */
  async select(db: SqlQueryable, keys: readonly SessionKey[]): Promise<Map<string, SessionRecord>> {
    // Taken now: the answer refers to these lists, whatever happens to the cache meanwhile.
    const held = new Map(keys.map((key) => [keyOf(key.server, key.id), this.#lists.get(keyOf(key.server, key.id))]));
    const { rows } = await db.query<CountedRow>(SELECT_SESSIONS_REUSING_ITEMS, [
      keys.map((key) => key.server),
      keys.map((key) => key.id),
      keys.map((key) => held.get(keyOf(key.server, key.id))?.length ?? -1),
    ]);
    const records = new Map<string, SessionRecord>();
    for (const row of rows) {
      const key = keyOf(row.server, row.id);
      const kept = row.items === null ? held.get(key) : undefined;
      if (row.items === null && kept?.length !== toInteger(row.item_count)) {
        throw new Error('The registry left out items the gateway does not hold.');
      }
      const record = kept ? { ...toSessionRecord({ ...row, items: [] }), items: [...kept] } : toSessionRecord(row);
      if (!kept) this.#remember(key, record.items);
      else this.#touch(key, kept);
      records.set(key, record);
    }
    return records;
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
