// list(): newest-first order, filters, keyset pagination with opaque cursors, cursor and size errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidCursorError,
  MAX_PAGE_SIZE,
  RegistryInputError,
  type SessionFilter,
  type SessionKind,
  type SessionRecord,
  type SessionRegistry,
} from '../../src/registry/index.js';
import { registryEngines } from '../helpers/registry.js';
import { whmSessionId } from './fixtures.js';

const engines = await registryEngines();

describe.each(engines)('on $name', (engine) => {
  let registry: SessionRegistry;

  interface Seed {
    server: string;
    id: string;
    kind: SessionKind;
    createdAt: Date;
    lastState: string | null;
  }

  const minute = (offset: number): Date => new Date(Date.UTC(2024, 5, 1, 12, offset, 0, 250));
  const kinds: SessionKind[] = ['ROOT', 'USER', 'RESTORE'];
  const states = [null, 'RUNNING', 'COMPLETED', 'FAILED'];

  // 40 sessions on two servers, three per minute, so createdAt ties are broken by id.
  const seeds: Seed[] = Array.from({ length: 40 }, (_, serial) => ({
    server: serial % 2 === 0 ? 'alpha' : 'beta',
    // Scrambled (7 is coprime to 40) so id order differs from insertion order.
    id: whmSessionId('listhost', (serial * 7) % 40),
    kind: kinds[serial % 3] ?? 'ROOT',
    createdAt: minute(Math.floor(serial / 3)),
    lastState: states[serial % 4] ?? null,
  }));
  // Same id, same createdAt, on both servers: only the server breaks the tie.
  seeds.push(
    { server: 'alpha', id: 'twinsession', kind: 'ROOT', createdAt: minute(5), lastState: 'RUNNING' },
    { server: 'beta', id: 'twinsession', kind: 'ROOT', createdAt: minute(5), lastState: 'RUNNING' },
  );

  /** The order list() promises: createdAt, then id, then server, all descending. */
  function newestFirst(a: { createdAt: Date; id: string; server: string }, b: typeof a): number {
    return (
      b.createdAt.getTime() - a.createdAt.getTime() ||
      (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) ||
      (a.server < b.server ? 1 : a.server > b.server ? -1 : 0)
    );
  }

  const keyOf = (session: { server: string; id: string }): string => `${session.server}/${session.id}`;

  function expected(filter: (seed: Seed) => boolean): string[] {
    return seeds.filter(filter).sort(newestFirst).map(keyOf);
  }

  /** Follows endCursor until the last page, checking the page invariants on the way. */
  async function collectAllPages(filter: SessionFilter | undefined, first: number): Promise<SessionRecord[]> {
    const collected: SessionRecord[] = [];
    let after: string | null = null;
    for (let pageNumber = 0; pageNumber < 100; pageNumber += 1) {
      const page = await registry.list({ filter, first, after });
      expect(page.sessions.length).toBeLessThanOrEqual(first);
      collected.push(...page.sessions);
      if (!page.hasNextPage) {
        expect(page.totalCount).toBe(collected.length);
        return collected;
      }
      expect(page.sessions).toHaveLength(first);
      expect(page.endCursor).not.toBeNull();
      after = page.endCursor;
    }
    throw new Error('pagination did not terminate');
  }

  /** Records a session and adds it to `seeds`, which models everything the database holds. */
  async function record(seed: Seed): Promise<void> {
    await registry.recordSession({ id: seed.id, server: seed.server, kind: seed.kind, createdAt: seed.createdAt });
    if (seed.lastState !== null) await registry.recordState(seed.server, seed.id, seed.lastState);
    if (!seeds.includes(seed)) seeds.push(seed);
  }

  beforeAll(async () => {
    registry = await engine.openRegistry();
    for (const seed of [...seeds]) await record(seed);
  });
  afterAll(async () => {
    await registry.close();
  });

  describe('list order and pagination', () => {
    it('lists everything newest first, then by id and server', async () => {
      const page = await registry.list({ first: MAX_PAGE_SIZE });
      expect(page.sessions.map(keyOf)).toEqual(expected(() => true));
      expect(page.totalCount).toBe(seeds.length);
      expect(page.hasNextPage).toBe(false);
      expect(await registry.count()).toBe(seeds.length);
    });

    it.each([1, 3, 7, 42])('walks every session exactly once in pages of %i', async (first) => {
      const walked = await collectAllPages(undefined, first);
      expect(walked.map(keyOf)).toEqual(expected(() => true));
    });

    it('returns an empty page with no cursor when nothing matches', async () => {
      const page = await registry.list({ filter: { server: 'nobody' }, first: 10 });
      expect(page).toEqual({ sessions: [], totalCount: 0, hasNextPage: false, endCursor: null });
    });

    it('stays stable when sessions are recorded between pages: no duplicates, no gaps', async () => {
      const server = 'moving';
      const baseline: Seed[] = Array.from({ length: 10 }, (_, serial) => ({
        server,
        id: whmSessionId('moving', serial),
        kind: 'ROOT',
        createdAt: minute(100 + serial),
        lastState: null,
      }));
      for (const seed of baseline) await record(seed);

      const first = await registry.list({ filter: { server }, first: 4 });
      // Newer sessions land before the cursor; one with an old createdAt (adopted) lands after it.
      for (let serial = 0; serial < 5; serial += 1) {
        await record({
          server,
          id: whmSessionId('newer', serial),
          kind: 'USER',
          createdAt: minute(200 + serial),
          lastState: 'RUNNING',
        });
      }
      await record({ server, id: whmSessionId('older', 0), kind: 'ROOT', createdAt: minute(0), lastState: null });
      // A session tied with the cursor row on createdAt but sorting before it (greater id) must not appear either.
      const cursorRow = first.sessions.at(-1);
      if (cursorRow === undefined) throw new Error('the first page is empty');
      await record({ server, id: `${cursorRow.id}z`, kind: 'ROOT', createdAt: cursorRow.createdAt, lastState: null });

      const rest: SessionRecord[] = [];
      let after = first.endCursor;
      let hasNextPage = first.hasNextPage;
      while (hasNextPage) {
        const page = await registry.list({ filter: { server }, first: 4, after });
        rest.push(...page.sessions);
        ({ endCursor: after, hasNextPage } = page);
      }

      const seen = [...first.sessions, ...rest].map((session) => session.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...baseline.map((session) => session.id).reverse(), whmSessionId('older', 0)]);
    });
  });

  describe('list filters', () => {
    const cases: [string, SessionFilter, (seed: Seed) => boolean][] = [
      ['server', { server: 'beta' }, (seed) => seed.server === 'beta'],
      ['states', { states: ['RUNNING', 'FAILED'] }, (seed) => seed.lastState === 'RUNNING' || seed.lastState === 'FAILED'],
      ['kinds', { kinds: ['USER', 'RESTORE'] }, (seed) => seed.kind === 'USER' || seed.kind === 'RESTORE'],
      [
        'server, states and kinds together',
        { server: 'alpha', states: ['COMPLETED', 'RUNNING'], kinds: ['ROOT'] },
        (seed) =>
          seed.server === 'alpha' && seed.kind === 'ROOT' && (seed.lastState === 'COMPLETED' || seed.lastState === 'RUNNING'),
      ],
      ['empty lists (no constraint)', { server: 'alpha', states: [], kinds: [] }, (seed) => seed.server === 'alpha'],
    ];

    it.each(cases)('filters by %s, across pages, with a matching totalCount', async (_name, filter, predicate) => {
      const want = expected(predicate);
      expect(want.length).toBeGreaterThan(0);
      const firstPage = await registry.list({ filter, first: 3 });
      expect(firstPage.totalCount).toBe(want.length);
      const walked = await collectAllPages(filter, 3);
      expect(walked.map(keyOf)).toEqual(want);
    });

    it('rejects a malformed filter', async () => {
      await expect(registry.list({ filter: { server: '' }, first: 5 })).rejects.toBeInstanceOf(RegistryInputError);
      await expect(registry.list({ filter: { kinds: ['NOPE' as SessionKind] }, first: 5 })).rejects.toThrow(
        /filter\.kinds\[0\] must be one of ROOT, USER, RESTORE/,
      );
      await expect(registry.list({ filter: { states: [''] }, first: 5 })).rejects.toBeInstanceOf(RegistryInputError);
    });
  });

  describe('list argument errors', () => {
    const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

    it.each([
      ['an empty string', ''],
      ['arbitrary text', 'not a cursor!'],
      ['base64 of non-JSON', base64url('hello')],
      ['base64 of the wrong shape', base64url('{"offset":10}')],
      ['a sort key with a bad date', base64url('["yesterday","abc","alpha"]')],
      ['a sort key with a bad id', base64url('["2024-06-01T12:00:00.250Z","a-b","alpha"]')],
      ['a sort key with no server', base64url('["2024-06-01T12:00:00.250Z","abc",""]')],
      // Forged keys PostgreSQL itself would refuse with its own (internal-looking) errors.
      ['a server with a NUL byte', base64url('["2024-06-01T12:00:00.250Z","abc","al\\u0000pha"]')],
      ['a server with a control character', base64url('["2024-06-01T12:00:00.250Z","abc","al\\npha"]')],
      ['a server with a lone surrogate', base64url('["2024-06-01T12:00:00.250Z","abc","\\ud800"]')],
      ['a server longer than any stored one', base64url(`["2024-06-01T12:00:00.250Z","abc","${'s'.repeat(256)}"]`)],
      ['an id with a NUL byte', base64url('["2024-06-01T12:00:00.250Z","a\\u0000b","alpha"]')],
      ['an id longer than any stored one', base64url(`["2024-06-01T12:00:00.250Z","${'a'.repeat(256)}","alpha"]`)],
      ['the largest JavaScript date', base64url('["+275760-09-13T00:00:00.000Z","abc","alpha"]')],
      ['the smallest JavaScript date', base64url('["-271821-04-20T00:00:00.000Z","abc","alpha"]')],
      ['a date in year 0', base64url('["0000-01-01T00:00:00.000Z","abc","alpha"]')],
      ['a date with an offset', base64url('["2024-06-01T12:00:00.250+14:00","abc","alpha"]')],
      ['a far too long cursor', base64url(`["2024-06-01T12:00:00.250Z","abc","${'s'.repeat(100_000)}"]`)],
    ])('rejects %s as a cursor with InvalidCursorError', async (_name, after) => {
      const error: unknown = await registry.list({ first: 5, after }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidCursorError);
      expect(error).toBeInstanceOf(RegistryInputError);
      expect((error as InvalidCursorError).field).toBe('after');
      expect((error as Error).message).toMatch(/^Invalid pagination cursor/);
    });

    it('rejects a real cursor that was tampered with', async () => {
      const { endCursor } = await registry.list({ first: 2 });
      expect(endCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      await expect(registry.list({ first: 2, after: `${endCursor ?? ''}$` })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it.each([0, -1, 1.5, MAX_PAGE_SIZE + 1, Number.NaN])('rejects first = %s', async (first) => {
      const error: unknown = await registry.list({ first }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RegistryInputError);
      expect((error as RegistryInputError).field).toBe('first');
    });

    it('treats after: null as the first page', async () => {
      expect(await registry.list({ first: 3, after: null })).toEqual(await registry.list({ first: 3 }));
    });
  });
});
