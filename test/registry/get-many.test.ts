// Reading many sessions at once (getMany): key order, misses, the statements it costs, and the items
// a process keeps between reads so that a session's items are sent only when it has more of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openRegistryOnExecutor,
  type NewEnqueuedItem,
  type SessionRecord,
  type SessionRegistry,
  type SqlExecutor,
  type SqlValue,
} from '../../src/registry/index.js';
import { SessionItemsCache } from '../../src/registry/session-items-cache.js';
import { registryEngines } from '../helpers/registry.js';
import { openRecordedRegistry, whmSessionId, type RecordedRegistry } from './fixtures.js';

const engines = await registryEngines();

describe.each(engines)('on $name', (engine) => {
  let database: SqlExecutor;
  let registry: SessionRegistry;
  let statementsDuring: RecordedRegistry['statementsDuring'];

  // One database per engine for the whole file; tests keep apart by using their own server names.
  beforeAll(async () => {
    ({ database, registry, statementsDuring } = await openRecordedRegistry(engine));
  });
  afterAll(async () => {
    await registry.close();
  });

  describe('getMany', () => {
    it('answers in key order with nulls for unknown keys, in two statements (sessions, then the items not held)', async () => {
      const ids = [1, 2, 3].map((serial) => whmSessionId('many', serial));
      for (const id of ids) {
        await registry.recordSession({ id, server: 'many1', kind: 'ROOT' });
        await registry.recordItems('many1', id, [
          { module: 'AccountRemoteRoot', name: `user${id.slice(-1)}`, localName: null, size: null },
        ]);
      }
      const keys = [
        { server: 'many1', id: ids[2] ?? '' },
        { server: 'many1', id: 'unknownsession' },
        { server: 'many1', id: ids[0] ?? '' },
        { server: 'other', id: ids[1] ?? '' },
        { server: 'many1', id: ids[2] ?? '' }, // DataLoader de-duplicates, but repeats must still work
        { server: 'many1', id: 'not a valid id' }, // a miss, not an error for the whole batch
        { server: 'many1', id: ids[1] ?? '' },
      ];

      let results: (SessionRecord | null)[] = [];
      const sent = await statementsDuring(async () => {
        results = await registry.getMany(keys);
      });

      expect(sent).toHaveLength(2);
      expect(results.map((record) => record?.id ?? null)).toEqual([ids[2], null, ids[0], null, ids[2], null, ids[1]]);
      expect(results[0]?.items.map((item) => item.name)).toEqual(['user3']);
      // Their items are held now: one statement.
      expect(await statementsDuring(() => registry.getMany(keys))).toHaveLength(1);
      expect(await registry.getMany([])).toEqual([]);
    });

    describe("a session's items, kept between reads", () => {
      const server = 'kept1';
      const id = whmSessionId('kept', 1);
      const items = (from: number, count: number): NewEnqueuedItem[] =>
        Array.from({ length: count }, (_unused, index) => ({
          module: 'PackageRemoteRoot',
          name: `pkg${from + index}`,
          localName: null,
          size: index,
        }));
      const names = (record: SessionRecord | null | undefined) => record?.items.map((item) => item.name) ?? [];
      /** The items json of each row the database answered, per statement: only statements that send items. */
      let sentItems: unknown[][] = [];
      let reader: SessionRegistry;
      let answers: SqlExecutor;

      beforeAll(async () => {
        answers = {
          query: async <Row extends object>(sql: string, params?: readonly SqlValue[]) => {
            const result = await database.query<Row>(sql, params);
            if (result.rows.some((row) => 'items' in row))
              sentItems.push(result.rows.map((row) => ('items' in row ? row.items : null)));
            return result;
          },
          transaction: (work) => database.transaction(work),
          close: async () => undefined,
        };
        reader = await openRegistryOnExecutor(answers);
        await registry.recordSession({ id, server, kind: 'ROOT' });
        await registry.recordItems(server, id, items(0, 300));
      });

      it('are sent by the database only when the session has more of them', async () => {
        sentItems = [];
        const [first] = await reader.getMany([{ server, id }]);
        const [second] = await reader.getMany([{ server, id }]);
        expect(sentItems).toHaveLength(1);
        expect(sentItems[0]?.[0]).not.toBeNull();
        expect(second).toEqual(first);
        expect(names(second)).toEqual(items(0, 300).map((item) => item.name));
        // Each caller gets a list of its own.
        first?.items.splice(0);
        expect(names((await reader.getMany([{ server, id }]))[0])).toHaveLength(300);
      });

      it('are not asked for when a session has none', async () => {
        const empty = whmSessionId('kept', 4);
        await registry.recordSession({ id: empty, server, kind: 'ROOT' });
        sentItems = [];
        const [found] = await reader.getMany([{ server, id: empty }]);
        expect(found?.items).toEqual([]);
        expect(sentItems).toEqual([]);
      });

      it('include what another replica added, and what it added meanwhile in another batch of keys', async () => {
        await reader.getMany([{ server, id }]);
        await registry.recordItems(server, id, items(300, 2));
        sentItems = [];
        const [grown] = await reader.getMany([
          { server, id },
          { server: 'kept1', id: 'unknownsession' },
        ]);
        expect(names(grown)).toEqual(items(0, 302).map((item) => item.name));
        expect(sentItems[0]?.[0]).not.toBeNull();
        expect(await reader.getMany([{ server, id }])).toEqual(await registry.getMany([{ server, id }]));
      });

      it('keeps at most maxItems items, least recently read sessions out first', async () => {
        const small = whmSessionId('kept', 2);
        await registry.recordSession({ id: small, server, kind: 'ROOT' });
        await registry.recordItems(server, small, items(0, 40));
        const cache = new SessionItemsCache(350);
        const sent = async (key: { server: string; id: string }) => {
          sentItems = [];
          const found = await cache.select(answers, [key]);
          expect(found.get(`${key.server}\u0000${key.id}`)?.items).toHaveLength(key.id === id ? 302 : 40);
          return sentItems.length > 0;
        };
        expect([await sent({ server, id }), await sent({ server, id })]).toEqual([true, false]);
        expect([await sent({ server, id: small }), await sent({ server, id: small })]).toEqual([true, false]);
        // 342 items kept; reading the large session again keeps it, but a third list would push out the oldest.
        expect(await sent({ server, id })).toBe(false);
        const third = whmSessionId('kept', 3);
        await registry.recordSession({ id: third, server, kind: 'ROOT' });
        await registry.recordItems(
          server,
          third,
          items(0, 40).map((item) => ({ ...item, name: `x${item.name}` })),
        );
        sentItems = [];
        await cache.select(answers, [{ server, id: third }]);
        expect(await sent({ server, id: small })).toBe(true);
        expect(await sent({ server, id })).toBe(true);
      });
    });
  });
});
