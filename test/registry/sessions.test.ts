// Recording and reading sessions: idempotence, items, states, list reads, validation, no secrets
// (batched reads: get-many.test.ts).
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  RegistryInputError,
  SessionKindConflictError,
  SessionNotFoundError,
  type EnqueuedItemRecord,
  type NewEnqueuedItem,
  type NewSession,
  type SessionRecord,
  type SessionRegistry,
  type SqlExecutor,
} from '../../src/registry/index.js';
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

  describe('recordSession and get', () => {
    it('records a session with defaults and reads it back', async () => {
      const before = new Date();
      const recorded = await registry.recordSession({ id: whmSessionId('exampleserver', 1), server: 'rec1', kind: 'ROOT' });

      expect(recorded).toEqual({
        id: whmSessionId('exampleserver', 1),
        server: 'rec1',
        kind: 'ROOT',
        remoteHost: null,
        createdAt: expect.any(Date),
        createdBy: null,
        adopted: false,
        lastState: null,
        lastSeenAt: null,
        retriedFrom: null,
        items: [],
      });
      expect(recorded.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(await registry.get('rec1', recorded.id)).toEqual(recorded);
    });

    it('returns null for a session it does not know', async () => {
      expect(await registry.get('rec1', 'nosuchsession')).toBeNull();
      expect(await registry.get('nosuchserver', whmSessionId('exampleserver', 1))).toBeNull();
    });

    it('keeps the same id on different servers apart', async () => {
      const id = whmSessionId('shared', 1);
      await registry.recordSession({ id, server: 'rec2a', kind: 'ROOT', remoteHost: 'a.example.com' });
      await registry.recordSession({ id, server: 'rec2b', kind: 'USER', remoteHost: 'b.example.com' });

      expect((await registry.get('rec2a', id))?.remoteHost).toBe('a.example.com');
      expect((await registry.get('rec2b', id))?.kind).toBe('USER');
    });

    it('is idempotent: re-recording keeps createdAt, createdBy, adopted and items, and fills in new facts', async () => {
      const id = whmSessionId('idem', 1);
      const createdAt = new Date('2024-03-01T10:00:00.123Z');
      await registry.recordSession({ id, server: 'rec3', kind: 'ROOT', createdAt, createdBy: 'alice', adopted: true });
      await registry.recordItems('rec3', id, [{ module: 'AccountRemoteRoot', name: 'bob', localName: 'bob', size: 1024 }]);

      const again = await registry.recordSession({
        id,
        server: 'rec3',
        kind: 'ROOT',
        createdAt: new Date('2025-01-01T00:00:00Z'),
        createdBy: 'mallory',
        adopted: false,
        remoteHost: 'source.example.com',
        lastState: 'RUNNING',
      });

      expect(again.createdAt).toEqual(createdAt);
      expect(again.createdBy).toBe('alice');
      expect(again.adopted).toBe(true);
      expect(again.items.map((item) => item.name)).toEqual(['bob']);
      expect(again.remoteHost).toBe('source.example.com');
      expect(again.lastState).toBe('RUNNING');
      expect(again.lastSeenAt).toBeInstanceOf(Date);

      // Omitting optional facts later does not erase them.
      const third = await registry.recordSession({ id, server: 'rec3', kind: 'ROOT' });
      expect(third).toEqual(again);
      expect(await registry.count()).toBeGreaterThan(0);
    });

    it('refuses to re-record a session under another kind', async () => {
      const id = whmSessionId('conflict', 1);
      await registry.recordSession({ id, server: 'rec4', kind: 'ROOT' });

      const attempt = registry.recordSession({ id, server: 'rec4', kind: 'RESTORE' });
      await expect(attempt).rejects.toBeInstanceOf(SessionKindConflictError);
      await expect(attempt).rejects.toThrow(/already recorded as ROOT, not RESTORE/);
      expect((await registry.get('rec4', id))?.kind).toBe('ROOT');
    });

    it('rejects malformed input with clear errors and writes nothing', async () => {
      const countBefore = await registry.count();
      const cases: [NewSession, string][] = [
        [{ id: 'has-dash', server: 'rec5', kind: 'ROOT' }, 'id'],
        [{ id: '', server: 'rec5', kind: 'ROOT' }, 'id'],
        [{ id: 'x'.repeat(256), server: 'rec5', kind: 'ROOT' }, 'id'],
        [{ id: 'ok_id', server: '', kind: 'ROOT' }, 'server'],
        [{ id: 'ok_id', server: '   ', kind: 'ROOT' }, 'server'],
        [{ id: 'ok_id', server: 'rec5', kind: 'BOGUS' as 'ROOT' }, 'kind'],
        [{ id: 'ok_id', server: 'rec5', kind: 'ROOT', createdAt: new Date('not a date') }, 'createdAt'],
      ];
      for (const [session, field] of cases) {
        const error: unknown = await registry.recordSession(session).catch((caught: unknown) => caught);
        expect(error, `${field} of ${JSON.stringify(session)}`).toBeInstanceOf(RegistryInputError);
        expect((error as RegistryInputError).field).toBe(field);
        expect((error as RegistryInputError).code).toBe('BAD_USER_INPUT');
      }
      await expect(registry.get('rec5', 'bad-id')).rejects.toThrow(/sessionId must be a WHM transfer session id/);
      expect(await registry.count()).toBe(countBefore);
    });
  });

  describe('retriedFrom', () => {
    it("records the session a retry came from, keeps it on re-recording, and lists a session's retries", async () => {
      const original = whmSessionId('retry', 1);
      await registry.recordSession({ id: original, server: 'retry1', kind: 'ROOT' });
      await registry.recordSession({ id: whmSessionId('retry', 2), server: 'retry1', kind: 'ROOT', retriedFrom: original });
      await registry.recordSession({ id: whmSessionId('retry', 3), server: 'retry1', kind: 'ROOT', retriedFrom: original });
      await registry.recordSession({ id: whmSessionId('retry', 2), server: 'retry1', kind: 'ROOT', retriedFrom: null });

      expect((await registry.get('retry1', whmSessionId('retry', 2)))?.retriedFrom).toBe(original);
      expect((await registry.get('retry1', original))?.retriedFrom).toBeNull();
      const retries = await registry.list({ filter: { server: 'retry1', retriedFrom: original }, first: 10 });
      expect(retries.sessions.map((session) => session.id).sort()).toEqual([whmSessionId('retry', 2), whmSessionId('retry', 3)]);
      await expect(
        registry.recordSession({ id: whmSessionId('retry', 4), server: 'retry1', kind: 'ROOT', retriedFrom: 'no/slash' }),
      ).rejects.toBeInstanceOf(RegistryInputError);
    });
  });

  describe('recordItems', () => {
    const server = 'items1';
    const id = whmSessionId('items', 1);
    const names = (record: SessionRecord | null): string[] => record?.items.map((item) => `${item.module}/${item.name}`) ?? [];

    beforeAll(async () => {
      await registry.recordSession({ id, server, kind: 'ROOT' });
    });

    it('appends items in order with their details', async () => {
      const before = Date.now();
      await registry.recordItems(server, id, [
        { module: 'AccountRemoteRoot', name: 'alice', localName: 'alice2', size: 5_000_000_000 },
        { module: 'PackageRemoteRoot', name: 'gold', localName: null, size: null },
      ]);
      await registry.recordItems(server, id, [{ module: 'FeatureListRemoteRoot', name: 'default', localName: null, size: 1 }]);

      const record = await registry.get(server, id);
      expect(names(record)).toEqual(['AccountRemoteRoot/alice', 'PackageRemoteRoot/gold', 'FeatureListRemoteRoot/default']);
      const first = record?.items[0];
      expect(first).toEqual<EnqueuedItemRecord>({
        module: 'AccountRemoteRoot',
        name: 'alice',
        localName: 'alice2',
        size: 5_000_000_000,
        enqueuedAt: expect.any(Date) as Date,
      });
      expect(first?.enqueuedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    });

    it('ignores a (module, name) the session already has, also within one call', async () => {
      await registry.recordItems(server, id, [
        { module: 'AccountRemoteRoot', name: 'alice', localName: 'changed', size: 1 },
        { module: 'AccountRemoteRoot', name: 'carol', localName: null, size: 10 },
        { module: 'AccountRemoteRoot', name: 'carol', localName: 'dup', size: 20 },
        { module: 'PackageRemoteRoot', name: 'alice', localName: null, size: null }, // same name, other module
      ]);

      const record = await registry.get(server, id);
      expect(names(record)).toEqual([
        'AccountRemoteRoot/alice',
        'PackageRemoteRoot/gold',
        'FeatureListRemoteRoot/default',
        'AccountRemoteRoot/carol',
        'PackageRemoteRoot/alice',
      ]);
      expect(record?.items[0]?.localName).toBe('alice2');
      expect(record?.items[3]?.size).toBe(10);
    });

    it('fails for a session that was never recorded', async () => {
      const item: NewEnqueuedItem = { module: 'AccountRemoteRoot', name: 'x', localName: null, size: null };
      await expect(registry.recordItems(server, 'neverrecorded', [item])).rejects.toBeInstanceOf(SessionNotFoundError);
      await expect(registry.recordItems(server, 'neverrecorded', [])).rejects.toBeInstanceOf(SessionNotFoundError);
    });

    it('rejects malformed items and stores none of the batch', async () => {
      const countBefore = (await registry.get(server, id))?.items.length;
      const bad: [NewEnqueuedItem, string][] = [
        [{ module: '', name: 'x', localName: null, size: null }, 'items[1].module'],
        [{ module: 'AccountRemoteRoot', name: '', localName: null, size: null }, 'items[1].name'],
        [{ module: 'AccountRemoteRoot', name: 'x', localName: null, size: -1 }, 'items[1].size'],
        [{ module: 'AccountRemoteRoot', name: 'x', localName: null, size: 1.5 }, 'items[1].size'],
      ];
      for (const [item, field] of bad) {
        const good: NewEnqueuedItem = { module: 'AccountRemoteRoot', name: 'fine', localName: null, size: 1 };
        const error: unknown = await registry.recordItems(server, id, [good, item]).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RegistryInputError);
        expect((error as RegistryInputError).field).toBe(field);
      }
      expect((await registry.get(server, id))?.items.length).toBe(countBefore);
    });
  });

  describe('recordState', () => {
    const server = 'state1';
    const id = whmSessionId('state', 1);

    beforeAll(async () => {
      await registry.recordSession({ id, server, kind: 'USER' });
    });

    it('stores the last state and when it was seen', async () => {
      const seenAt = new Date('2024-05-05T05:05:05.555Z');
      await registry.recordState(server, id, 'RUNNING', seenAt);
      expect(await registry.get(server, id)).toMatchObject({ lastState: 'RUNNING', lastSeenAt: seenAt });

      const later = new Date('2024-05-05T05:10:00.000Z');
      await registry.recordState(server, id, 'COMPLETED', later);
      expect(await registry.get(server, id)).toMatchObject({ lastState: 'COMPLETED', lastSeenAt: later });
    });

    it('ignores an observation older than the stored one (out-of-order pollers)', async () => {
      await registry.recordState(server, id, 'RUNNING', new Date('2024-05-05T05:06:00.000Z'));
      expect((await registry.get(server, id))?.lastState).toBe('COMPLETED');
    });

    it('defaults seenAt to now', async () => {
      const before = Date.now();
      await registry.recordState(server, id, 'FAILED');
      const record = await registry.get(server, id);
      expect(record?.lastState).toBe('FAILED');
      expect(record?.lastSeenAt?.getTime()).toBeGreaterThanOrEqual(before - 1);
    });

    it('fails for an unknown session and for an empty state', async () => {
      await expect(registry.recordState(server, 'neverrecorded', 'RUNNING')).rejects.toBeInstanceOf(SessionNotFoundError);
      await expect(registry.recordState(server, id, '')).rejects.toBeInstanceOf(RegistryInputError);
    });
  });

  describe('list reads', () => {
    it('fetches a page and all its items with a fixed number of statements (no N+1)', async () => {
      const server = 'nplus1';
      for (let serial = 0; serial < 20; serial += 1) {
        const id = whmSessionId('nplusone', serial);
        await registry.recordSession({ id, server, kind: 'ROOT', createdAt: new Date(Date.UTC(2024, 0, 1, 0, serial)) });
        await registry.recordItems(server, id, [
          { module: 'AccountRemoteRoot', name: `a${serial}`, localName: null, size: serial },
          { module: 'AccountRemoteRoot', name: `b${serial}`, localName: null, size: null },
        ]);
      }

      let sessions: SessionRecord[] = [];
      const sent = await statementsDuring(async () => {
        ({ sessions } = await registry.list({ filter: { server }, first: 20 }));
      });

      expect(sessions).toHaveLength(20);
      expect(sessions.every((session) => session.items.length === 2)).toBe(true);
      expect(sessions[0]?.items.map((item) => item.name)).toEqual(['a19', 'b19']);
      expect(sent).toHaveLength(2); // the total count, and the page with its items
    });
  });

  describe('concurrency', () => {
    it('serialises many overlapping writes on the single PGlite connection', async () => {
      const server = 'busy1';
      const ids = Array.from({ length: 30 }, (_, serial) => whmSessionId('busy', serial));
      await Promise.all(ids.map((id) => registry.recordSession({ id, server, kind: 'ROOT' })));
      await Promise.all(
        ids.flatMap((id) => [
          registry.recordItems(server, id, [{ module: 'AccountRemoteRoot', name: 'u', localName: null, size: 1 }]),
          registry.recordState(server, id, 'RUNNING'),
          registry.recordSession({ id, server, kind: 'ROOT', remoteHost: 'h.example.com' }),
          registry.get(server, id),
        ]),
      );

      const records = await registry.getMany(ids.map((id) => ({ server, id })));
      expect(records.every((record) => record?.items.length === 1 && record.lastState === 'RUNNING')).toBe(true);
      expect(records.every((record) => record?.remoteHost === 'h.example.com')).toBe(true);
    });
  });

  describe('no secrets', () => {
    const secretLike = /pass|token|secret|credential|api_?key|auth/i;

    it('has no column that could hold a password, token, passphrase or secret', async () => {
      const { rows } = await database.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
      );
      const tables = new Set(rows.map((row) => row.table_name));
      expect([...tables].sort()).toEqual([
        'idempotency_keys',
        'schema_migrations',
        'transfer_session_items',
        'transfer_sessions',
        'webhook_outbox',
        'webhook_session_marks',
        'whm_write_journal',
      ]);
      expect(rows.filter((row) => secretLike.test(row.column_name))).toEqual([]);
    });

    it('has no record field for one (checked by the type checker)', () => {
      type StoredFieldName = Lowercase<keyof SessionRecord | keyof NewSession | keyof EnqueuedItemRecord | keyof NewEnqueuedItem>;
      type SecretLike<Name extends string> = Extract<
        Name,
        `${string}${'pass' | 'token' | 'secret' | 'credential' | 'apikey' | 'auth'}${string}`
      >;
      expectTypeOf<SecretLike<StoredFieldName>>().toEqualTypeOf<never>();
      // The pattern itself does catch such names, so the check above is not vacuous.
      expectTypeOf<SecretLike<'apitoken' | 'passphrase' | 'host'>>().toEqualTypeOf<'apitoken' | 'passphrase'>();
    });

    it('drops anything a caller passes beyond the known fields', async () => {
      const smuggled = {
        id: whmSessionId('smuggle', 1),
        server: 'secret1',
        kind: 'ROOT' as const,
        password: 'PLANTED-SECRET-1',
        apiToken: 'PLANTED-SECRET-2',
        passphrase: 'PLANTED-SECRET-3',
      };
      const recorded = await registry.recordSession(smuggled);
      const smuggledItem = { module: 'AccountRemoteRoot', name: 'u', localName: null, size: null, pass: 'PLANTED-SECRET-4' };
      await registry.recordItems('secret1', smuggled.id, [smuggledItem]);

      expect(Object.keys(recorded).sort()).toEqual([
        'adopted',
        'createdAt',
        'createdBy',
        'id',
        'items',
        'kind',
        'lastSeenAt',
        'lastState',
        'remoteHost',
        'retriedFrom',
        'server',
      ]);
      const { rows } = await database.query<{ dump: string }>(
        `SELECT (SELECT json_agg(s)::text FROM transfer_sessions s) || (SELECT json_agg(i)::text FROM transfer_session_items i) AS dump`,
      );
      expect(rows[0]?.dump).toContain(smuggled.id);
      expect(rows[0]?.dump).not.toContain('PLANTED-SECRET');
    });
  });
});
