// The webhook outbox on each engine: a state change recorded once whoever sees it, stale and repeated
// looks ignored, rows claimed by one replica at a time and only the oldest open row of a session,
// expired claims taken again, outcomes, listing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewWebhookDelivery, SessionRegistry, SessionStateChange, WebhookOutbox } from '../../src/registry/index.js';
import { registryEngines } from '../helpers/registry.js';
import { whmSessionId } from './fixtures.js';

const engines = await registryEngines();

describe.each(engines)('webhook outbox on $name', (engine) => {
  let registry: SessionRegistry;
  let outbox: WebhookOutbox;

  beforeAll(async () => {
    registry = await engine.openRegistry();
    outbox = registry.webhookOutbox;
  });
  afterAll(async () => {
    await registry.close();
  });

  /** Records a look; its rows: one per given event name, plus `state:<n>` when the state changed. */
  async function look(
    server: string,
    sessionId: string,
    state: string,
    logPosition: number,
    events: string[] = [],
    final = false,
  ): Promise<{ written: number; change: SessionStateChange | null }> {
    let seen: SessionStateChange | null = null;
    const written = await outbox.record({ server, sessionId, state, final, logPosition }, (change) => {
      seen = change;
      const rows: NewWebhookDelivery[] = events.map((name) => ({
        eventId: `${sessionId}:${name}`,
        target: 'ops',
        eventType: 'item.failed',
        payload: name,
      }));
      if (change)
        rows.push({
          eventId: `${sessionId}:state:${change.sequence}`,
          target: 'ops',
          eventType: 'session.state_changed',
          payload: state,
        });
      return rows;
    });
    return { written, change: seen };
  }

  const claim = (owner: string, now: Date, limit = 50, targets = ['ops']) =>
    outbox.claim({ owner, targets, now, until: new Date(now.getTime() + 60_000), limit });

  it('reports each state change once, ignores repeated and stale looks, and never moves past a final state', async () => {
    const id = whmSessionId('marks', 1);
    expect(await look('m1', id, 'PENDING', 0)).toEqual({ written: 1, change: { previousState: null, sequence: 1 } });
    expect(await look('m1', id, 'PENDING', 0)).toEqual({ written: 0, change: null });
    expect(await look('m1', id, 'RUNNING', 5, ['line3'])).toEqual({
      written: 2,
      change: { previousState: 'PENDING', sequence: 2 },
    });
    // Another replica's older look (less of the log) does not take the state back.
    expect(await look('m1', id, 'PENDING', 2)).toEqual({ written: 0, change: null });
    // The same failed item seen again (a hand-over, a restart) is not written twice.
    expect(await look('m1', id, 'RUNNING', 7, ['line3'])).toEqual({ written: 0, change: null });
    expect(await look('m1', id, 'PAUSED', 7)).toMatchObject({ change: { previousState: 'RUNNING', sequence: 3 } });
    expect(await look('m1', id, 'RUNNING', 8)).toMatchObject({ change: { previousState: 'PAUSED', sequence: 4 } });
    expect(await look('m1', id, 'COMPLETED', 9, [], true)).toMatchObject({ change: { previousState: 'RUNNING', sequence: 5 } });
    expect(await look('m1', id, 'RUNNING', 20)).toEqual({ written: 0, change: null });
    const page = await outbox.list({ servers: ['m1'], sessionId: id }, 100, null);
    expect(page.deliveries.map((row) => row.payload).reverse()).toEqual([
      'PENDING',
      'line3',
      'RUNNING',
      'PAUSED',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('hands out only the oldest open row of each session, to one claimer at a time', async () => {
    const ids = [whmSessionId('claims', 1), whmSessionId('claims', 2), whmSessionId('claims', 3)];
    for (const id of ids) await look('c1', id, 'RUNNING', 1, ['a', 'b', 'c']);
    const now = new Date(Date.now() + 1_000);
    // Five replicas at once (on PostgreSQL, on separate connections): every head claimed exactly once.
    const claims = await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5'].map((owner) => claim(owner, now)));
    const claimed = claims.flat().filter((row) => row.server === 'c1');
    expect(claimed.map((row) => row.payload).sort()).toEqual(['a', 'a', 'a']);
    expect(new Set(claimed.map((row) => row.id)).size).toBe(3);
    // While a head is claimed (even failed and waiting), the rows behind it wait too.
    expect((await claim('r6', now)).filter((row) => row.server === 'c1')).toEqual([]);

    const [first, second, third] = claims
      .flat()
      .filter((row) => row.server === 'c1')
      .sort((a, b) => a.sessionId.localeCompare(b.sessionId));
    await outbox.complete(first!.id, 'someone', { delivered: true, httpStatus: 204 }, now);
    await outbox.complete(
      second!.id,
      'not-the-owner',
      { delivered: false, httpStatus: 500, error: 'HTTP 500', nextAttemptAt: now },
      now,
    );
    const ownerOfSecond = claims.findIndex((rows) => rows.some((row) => row.id === second!.id));
    await outbox.complete(
      second!.id,
      `r${ownerOfSecond + 1}`,
      { delivered: false, httpStatus: 500, error: 'HTTP 500', nextAttemptAt: new Date(now.getTime() + 5_000) },
      now,
    );

    const next = (await claim('r7', now)).filter((row) => row.server === 'c1');
    // Session 1 moves on to its second row; session 2 waits for its retry; session 3 is still claimed.
    expect(next.map((row) => [row.sessionId, row.payload])).toEqual([[first!.sessionId, 'b']]);
    const retried = (await claim('r8', new Date(now.getTime() + 5_000))).filter((row) => row.server === 'c1');
    expect(retried.map((row) => [row.sessionId, row.payload, row.attempts])).toEqual([[second!.sessionId, 'a', 1]]);
    // A claim that lapsed (its replica died) is taken again.
    const lapsed = (await claim('r9', new Date(now.getTime() + 61_000))).filter((row) => row.sessionId === third!.sessionId);
    expect(lapsed.map((row) => row.payload)).toEqual(['a']);
  });

  it('records outcomes, gives up with FAILED, lists newest first with filters and pages', async () => {
    const id = whmSessionId('outcomes', 1);
    await look('o1', id, 'RUNNING', 1, ['x', 'y']);
    const now = new Date(Date.now() + 1_000);
    const [x] = await claim('r1', now);
    expect(x?.payload).toBe('x');
    await outbox.complete(
      x!.id,
      'r1',
      { delivered: false, httpStatus: null, error: 'could not connect or send (ECONNREFUSED)', nextAttemptAt: null },
      now,
    );
    const failed = await outbox.list({ servers: ['o1'], statuses: ['FAILED'] }, 10, null);
    expect(failed.deliveries).toEqual([
      expect.objectContaining({
        payload: 'x',
        status: 'FAILED',
        attempts: 1,
        nextAttemptAt: null,
        lastError: 'could not connect or send (ECONNREFUSED)',
      }),
    ]);
    // Given up, the row no longer holds the session back.
    const [y] = (await claim('r1', now)).filter((row) => row.server === 'o1');
    expect(y?.payload).toBe('y');
    await outbox.complete(y!.id, 'r1', { delivered: true, httpStatus: 200 }, now);
    expect((await outbox.list({ servers: ['o1'], statuses: ['DELIVERED'] }, 10, null)).deliveries).toEqual([
      expect.objectContaining({ payload: 'y', status: 'DELIVERED', attempts: 1, lastHttpStatus: 200, deliveredAt: now }),
    ]);

    const all = await outbox.list({ servers: ['o1'] }, 2, null);
    expect(all.deliveries.map((row) => row.payload)).toEqual(['RUNNING', 'y']);
    expect(all.hasNextPage).toBe(true);
    const rest = await outbox.list({ servers: ['o1'] }, 2, all.deliveries.at(-1)!.id);
    expect(rest).toEqual({ deliveries: [expect.objectContaining({ payload: 'x' })], hasNextPage: false });
    expect((await outbox.list({ servers: ['someone-else'] }, 10, null)).deliveries).toEqual([]);
    expect((await outbox.list({ servers: ['o1'], eventType: 'session.state_changed' }, 10, null)).deliveries).toHaveLength(1);
    expect(await outbox.prune(new Date(now.getTime() + 1))).toBeGreaterThanOrEqual(2);
    expect((await outbox.list({ servers: ['o1'] }, 10, null)).deliveries.map((row) => row.payload)).toEqual(['RUNNING']);
  });

  it('lists the unfinished registry sessions of the given servers, newest first', async () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
    await registry.recordSession({ server: 'u1', id: whmSessionId('open', 1), kind: 'ROOT', createdAt: at(1) });
    await registry.recordSession({
      server: 'u1',
      id: whmSessionId('open', 2),
      kind: 'RESTORE',
      createdAt: at(2),
      lastState: 'RUNNING',
    });
    await registry.recordSession({
      server: 'u1',
      id: whmSessionId('done', 3),
      kind: 'ROOT',
      createdAt: at(3),
      lastState: 'COMPLETED',
    });
    await registry.recordSession({
      server: 'u1',
      id: whmSessionId('done', 4),
      kind: 'USER',
      createdAt: at(4),
      lastState: 'aborted',
    });
    await registry.recordSession({ server: 'u2', id: whmSessionId('other', 5), kind: 'ROOT', createdAt: at(5) });
    expect(await outbox.unfinishedSessions(['u1'], 10)).toEqual([
      { server: 'u1', id: whmSessionId('open', 2) },
      { server: 'u1', id: whmSessionId('open', 1) },
    ]);
    expect(await outbox.unfinishedSessions(['u1', 'u2'], 1)).toEqual([{ server: 'u2', id: whmSessionId('other', 5) }]);
  });
});
