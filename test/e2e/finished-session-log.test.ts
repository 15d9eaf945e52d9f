// A finished session's master.log is read from WHM until the gateway has read a final state BEFORE
// reading the log; from then on its parsed log answers every query and live read without a
// fetch_transfer_session_log. The simulator runs on a clock the tests move, so a session is RUNNING or
// finished exactly when a test says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTransferLog } from '../../src/transfer/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';
import { endOf, subscribe, wsClient } from '../live/helpers.js';

let clock = Date.now();
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ simulator: { now: () => clock, speedFactor: 1 } });
});
afterAll(async () => {
  await gateway.close();
});

const MONITOR = 'query($id: ID!) { transferSession(id: $id) { state progress { percent } items { name state } } }';
/** The log is asked for before the state, so both go in one WHM batch in that order. */
const LOG_THEN_STATE = 'query($id: ID!) { transferSession(id: $id) { progress { percent } state } }';
const LOG_ONLY = 'query($id: ID!) { transferSession(id: $id) { events { cursor action } } }';
const STATE_ONLY = 'query($id: ID!) { transferSession(id: $id) { isFinished } }';
const DAY_MS = 86_400_000;

interface Monitor {
  transferSession: { state: string; progress: { percent: number }; items: { name: string; state: string }[] };
}

async function data<D>(query: string, variables: Record<string, unknown>, target: TestGateway = gateway): Promise<D> {
  const response = await target.query<D>(query, variables);
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data;
}

let sessions = 0;

/** A started root session with package items (and any accounts given), on the simulator's clock. */
async function startedSession(accounts: string[] = []): Promise<string> {
  sessions += 1;
  const created = await data<{ createRemoteRootTransferSession: { session: { id: string } } }>(
    'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" }, transferThreads: 1, restoreThreads: 1 }) { session { id } } }',
    {},
  );
  const id = created.createRemoteRootTransferSession.session.id;
  const items = [
    ...['alpha', 'beta', 'gamma'].map((name) => ({ packageRemoteRoot: { package: `final${sessions}${name}` } })),
    ...accounts.map((user) => ({ accountRemoteRoot: { user, options: { localUser: `${user}${sessions}` } } })),
  ];
  const queued = await data<{ enqueueTransferItems: { userErrors: unknown[] } }>(
    'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items, force: true) { userErrors { message } } }',
    { id, items },
  );
  expect(queued.enqueueTransferItems.userErrors).toEqual([]);
  await data('mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }', { id });
  return id;
}

/** Moves the simulator's clock far enough for every item to finish. */
function finish(id: string): void {
  clock += DAY_MS;
  expect(gateway.simulator.state.session(id)?.state).toBe('COMPLETED');
}

/** The files fetch_transfer_session_log was asked for since the last reset, batched or not. */
function logsFetched(): string[] {
  return gateway.simulator.requests.flatMap((request) => {
    const form = new URLSearchParams(request.body);
    const calls = request.functionName === 'batch' ? form.getAll('command') : [`${request.functionName}?${request.body}`];
    return calls.flatMap((call) => {
      const [fn = '', query = ''] = call.split(/\?(.*)/s);
      return fn === 'fetch_transfer_session_log' ? [new URLSearchParams(query).get('logfile') ?? ''] : [];
    });
  });
}

/** The query's data and how many times WHM was asked for master.log meanwhile. */
async function logFetches<D>(query: string, id: string, target: TestGateway = gateway): Promise<{ fetches: number; data: D }> {
  gateway.simulator.resetStats();
  const result = await data<D>(query, { id }, target);
  return { fetches: logsFetched().filter((file) => file === 'master.log').length, data: result };
}

const whmLog = (id: string): string => gateway.simulator.state.session(id)?.logs.read('master.log') ?? '';

describe("a finished session's master.log", () => {
  it('is not fetched again once the state was read final in the same batch before it', async () => {
    const id = await startedSession();
    finish(id);
    const first = await logFetches<Monitor>(MONITOR, id);
    expect(first.fetches).toBe(1);
    expect(first.data.transferSession).toMatchObject({ state: 'COMPLETED', progress: { percent: 100 } });
    for (let query = 0; query < 3; query += 1) {
      const again = await logFetches<Monitor>(MONITOR, id);
      expect(again.fetches).toBe(0);
      expect(again.data).toEqual(first.data);
    }
    // The state itself is still asked of WHM on every query.
    expect(gateway.simulator.stats().calls['get_transfer_session_state']).toBe(1);
  });

  it('is final once read after a final state seen by an earlier request', async () => {
    const id = await startedSession();
    finish(id);
    await data(STATE_ONLY, { id });
    expect((await logFetches(LOG_ONLY, id)).fetches).toBe(1);
    expect((await logFetches(LOG_ONLY, id)).fetches).toBe(0);
  });

  it('is fetched once more when the final state came after the log in the same batch', async () => {
    const id = await startedSession();
    finish(id);
    gateway.simulator.resetStats();
    await data(LOG_THEN_STATE, { id });
    const batch = gateway.simulator.requests.find((request) => request.functionName === 'batch');
    const commands = new URLSearchParams(batch?.body ?? '').getAll('command').map((command) => command.split('?')[0]);
    expect(commands).toEqual(['fetch_transfer_session_log', 'get_transfer_session_state']);
    // That log may predate the final state (WHM writes the last line before the state flips): read it again.
    expect((await logFetches(LOG_THEN_STATE, id)).fetches).toBe(1);
    expect((await logFetches(LOG_THEN_STATE, id)).fetches).toBe(0);
  });

  it('still answers events, log text and item warnings as WHM has them', async () => {
    const id = await startedSession(['oddphp']);
    finish(id);
    await data(MONITOR, { id });
    const expected = parseTransferLog(whmLog(id));
    type Read = {
      transferSession: {
        events: { cursor: string; action: string }[];
        log: { text: string };
        items: { name: string; warnings: string[] }[];
      };
    };
    const read = await logFetches<Read>(
      'query($id: ID!) { transferSession(id: $id) { events { cursor action } log(tailLines: 1) { text } items { name warnings } } }',
      id,
    );
    const { events, log, items } = read.data.transferSession;
    expect(events).toEqual(expected.events.map(({ cursor, action }) => ({ cursor, action })));
    expect(events.at(-1)?.action).toBe('complete');
    // Log text is never kept: `log` reads it (the one fetch of master.log), item logs give the warnings.
    expect(log.text.trimEnd()).toBe(whmLog(id).trimEnd().split('\n').at(-1));
    expect(read.fetches).toBe(1);
    expect(logsFetched()).toEqual(['master.log', expect.stringMatching(/^item-(TRANSFER|RESTORE)_AccountRemoteRoot_oddphp/)]);
    expect(items.find((item) => item.name === 'oddphp')?.warnings).toHaveLength(2);
    const after = await data<{ transferSession: { events: { cursor: string }[] } }>(
      'query($id: ID!, $after: String) { transferSession(id: $id) { events(after: $after) { cursor } } }',
      { id, after: events.at(-3)?.cursor },
    );
    expect(after.transferSession.events.map((event) => event.cursor)).toEqual(events.slice(-2).map((event) => event.cursor));
  });

  it('is read again after a write to the session, until a final state is read before it again', async () => {
    const id = await startedSession();
    finish(id);
    await data(MONITOR, { id });
    expect((await logFetches(LOG_ONLY, id)).fetches).toBe(0);
    const analyzed = await data<{ analyzeTransferSession: { userErrors: unknown[] } }>(
      'mutation($id: ID!) { analyzeTransferSession(id: $id) { userErrors { message } } }',
      { id },
    );
    expect(analyzed.analyzeTransferSession.userErrors).toEqual([]);
    expect((await logFetches(LOG_ONLY, id)).fetches).toBe(1);
    expect((await logFetches(LOG_ONLY, id)).fetches).toBe(1);
    expect((await logFetches(MONITOR, id)).fetches).toBe(1);
    expect((await logFetches(MONITOR, id)).fetches).toBe(0);
  });

  it('feeds a subscription without fetching it, to the last event', async () => {
    const id = await startedSession();
    finish(id);
    const queried = await data<{ transferSession: { events: { cursor: string; action: string }[] } }>(
      'query($id: ID!) { transferSession(id: $id) { state events { cursor action } } }',
      { id },
    );
    gateway.simulator.resetStats();
    const client = wsClient(gateway.url);
    try {
      const events = subscribe<{ cursor: string; action: string }>(
        client,
        'subscription($id: ID!) { transferSessionEvents(id: $id) { cursor action } }',
        { id },
        'transferSessionEvents',
      );
      expect(await endOf(events)).toEqual({ kind: 'complete' });
      expect(events.values).toEqual(queried.transferSession.events);
    } finally {
      await client.dispose();
    }
    expect(logsFetched()).toEqual([]);
  });
});

describe("a running session's master.log", () => {
  it('is fetched on every query, and each shows what WHM logged since', async () => {
    const id = await startedSession();
    const seen: number[] = [];
    let waitingSeen = false;
    for (let step = 0; step < 3; step += 1) {
      clock += 2_500;
      const read = await logFetches<{
        transferSession: { state: string; events: unknown[]; items: { name: string; state: string }[] };
      }>('query($id: ID!) { transferSession(id: $id) { state events { cursor } items { name state } } }', id);
      expect(read.fetches).toBe(1);
      const logged = parseTransferLog(whmLog(id));
      expect(read.data.transferSession.state).toBe('RUNNING');
      expect(read.data.transferSession.events).toHaveLength(logged.events.length);
      // Items the log does not name yet are still listed, from what the gateway enqueued.
      const waiting = ['alpha', 'beta', 'gamma']
        .map((name) => `final${sessions}${name}`)
        .filter((name) => !logged.items.some((item) => item.item === name))
        .map((name) => ({ name, state: 'TRANSFER_PENDING' }));
      expect(read.data.transferSession.items).toEqual([
        ...logged.items.map((item) => ({ name: item.item, state: item.state })),
        ...waiting,
      ]);
      // Asked again with nothing new: the same answer (from the parsed log and the registry's items, both kept).
      const again = await data<{ transferSession: { items: unknown[] } }>(
        'query($id: ID!) { transferSession(id: $id) { items { name state } } }',
        { id },
      );
      expect(again.transferSession.items).toEqual(read.data.transferSession.items);
      waitingSeen ||= waiting.length > 0;
      seen.push(read.data.transferSession.events.length);
    }
    expect(waitingSeen).toBe(true);
    expect(seen[1]).toBeGreaterThan(seen[0] ?? 0);
    expect(seen[2]).toBeGreaterThan(seen[1] ?? 0);
    finish(id);
    const last = await logFetches<{ transferSession: { events: { action: string }[] } }>(LOG_ONLY, id);
    expect(last.fetches).toBe(1);
    expect(last.data.transferSession.events.at(-1)?.action).toBe('complete');
  });
});

describe('with WHM answers reused across requests (GATEWAY_READ_CACHE_MS)', () => {
  let cached: TestGateway;
  beforeAll(async () => {
    // The same registry: the sessions are its own, so a query reads only what its fields ask for.
    cached = await startTestGateway({ sharedSimulator: gateway.simulator, sharedRegistry: gateway.registry, readCacheMs: 1_000 });
  });
  afterAll(async () => {
    await cached.close();
  });

  it('never takes a log answer read before the final state for the final log', async () => {
    const id = await startedSession();
    clock += 2_500;
    // The log as it was while RUNNING, kept for reuse; then the final state, read after it.
    await data(LOG_ONLY, { id }, cached);
    finish(id);
    expect(await data(STATE_ONLY, { id }, cached)).toEqual({ transferSession: { isFinished: true } });
    // Until the reused answer expires, queries see the old log; then the whole one (never the old one kept as final).
    const complete = await eventually(async () => {
      const read = await data<{ transferSession: { events: { action: string }[] } }>(LOG_ONLY, { id }, cached);
      return read.transferSession.events.at(-1)?.action === 'complete' ? read.transferSession.events : undefined;
    });
    expect(complete).toHaveLength(parseTransferLog(whmLog(id)).events.length);
  });
});
