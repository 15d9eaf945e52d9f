// The per-server circuit breaker, against the simulator over HTTP: transport failures open it, an
// open breaker fails fast without a request, one probe after halfOpenAfterMs closes or re-opens it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  CIRCUIT_OPEN,
  QUEUE_TIMEOUT,
  WhmApiError,
  WhmAuthError,
  WhmClient,
  WhmProtocolError,
  WhmTimeoutError,
  WhmTransportError,
  type BreakerState,
  type WhmObserver,
  type WhmRequestReport,
  type WhmServerConfig,
} from '../../src/whm/index.js';
import { capturingLogger, eventually, SIMULATOR_ROOT_TOKEN, startTestSimulator } from '../helpers/whm.js';

const HALF_OPEN_AFTER_MS = 150;

let simulator: RunningSimulator;
const clients: WhmClient[] = [];

beforeAll(async () => {
  simulator = await startTestSimulator();
});
beforeEach(() => {
  simulator.resetStats();
  simulator.setFault('*', null);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await simulator.close();
});

interface Watched {
  client: WhmClient;
  /** Breaker states in the order the observer was told, with when. */
  events: { server: string; state: BreakerState; at: number }[];
  reports: WhmRequestReport[];
}

/** A client with its own breaker (small thresholds) and an observer that records everything. */
function watchedClient(overrides: Partial<WhmServerConfig> = {}): Watched {
  const events: Watched['events'] = [];
  const reports: WhmRequestReport[] = [];
  const observer: WhmObserver = {
    onRequest: (report) => reports.push(report),
    onBreakerStateChange: (server, state) => events.push({ server, state, at: performance.now() }),
  };
  const client = new WhmClient(
    {
      name: 'sim',
      url: simulator.url,
      credentials: { kind: 'token', user: 'root', token: SIMULATOR_ROOT_TOKEN },
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      timeoutMs: 2_000,
      breaker: { failureThreshold: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
      ...overrides,
    },
    capturingLogger(),
    observer,
  );
  clients.push(client);
  return { client, events, reports };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

function expectCircuitOpen(error: unknown): WhmTransportError {
  expect(error).toBeInstanceOf(WhmTransportError);
  const transport = error as WhmTransportError;
  expect(transport.code).toBe(CIRCUIT_OPEN);
  expect(transport.transient).toBe(true);
  expect(transport.requestMayHaveBeenReceived).toBe(false);
  expect(transport.message).toMatch(/considered down/);
  return transport;
}

const write = (client: WhmClient) => client.call('start_transfer_session', { transfer_session_id: 'abc' });
const read = (client: WhmClient) => client.call('validate_system_user', { user: 'root' });

/** Opens the breaker with `failureThreshold` (3) 503s on a write, which is never retried. */
async function openWith503s(client: WhmClient): Promise<void> {
  simulator.setFault('start_transfer_session', { kind: 'status', status: 503 });
  for (let index = 0; index < 3; index += 1) {
    const failure = await failureOf(write(client));
    expect((failure as WhmTransportError).status).toBe(503);
  }
}

const waitForState = (client: WhmClient, state: BreakerState) =>
  eventually(async () => (client.breakerState === state ? true : undefined), 2_000, 10);

describe('opening', () => {
  it('opens after failureThreshold consecutive 503s, then fails fast without any HTTP request', async () => {
    const { client, events, reports } = watchedClient();
    expect(client.breakerState).toBe('closed');
    simulator.setFault('start_transfer_session', { kind: 'status', status: 503 });
    for (let index = 0; index < 2; index += 1) await failureOf(write(client));
    expect(client.breakerState).toBe('closed');
    await failureOf(write(client));
    expect(client.breakerState).toBe('open');
    expect(events.map((event) => [event.server, event.state])).toEqual([['sim', 'open']]);
    expect(simulator.requests).toHaveLength(3);

    simulator.resetStats();
    reports.splice(0);
    const refused = expectCircuitOpen(await failureOf(write(client)));
    expect(refused.message).toMatch(/tried again at \d{4}-\d\d-\d\dT.*Z \(in 1 s\)/);
    expect(refused.cause).toBeInstanceOf(WhmTransportError);
    // A read is refused as fast and not retried; a batch too.
    expectCircuitOpen(await failureOf(read(client)));
    const [outcome] = await client.batch([{ function: 'validate_system_user', params: { user: 'root' } }]);
    expect(outcome?.ok).toBe(false);
    if (outcome && !outcome.ok) expectCircuitOpen(outcome.error);
    expect(simulator.requests).toHaveLength(0);
    expect(reports.map((report) => [report.command, report.outcome, report.attempt])).toEqual([
      ['start_transfer_session', 'rejected', 1],
      ['validate_system_user', 'rejected', 1],
      ['batch', 'rejected', 1],
    ]);
  });

  it('counts every attempt of a retried read, and stops retrying once the breaker opens', async () => {
    const { client } = watchedClient({ breaker: { failureThreshold: 2, halfOpenAfterMs: HALF_OPEN_AFTER_MS } });
    simulator.setFault('validate_system_user', { kind: 'status', status: 503 });
    const failure = await failureOf(read(client));
    // The second attempt opened the breaker: the caller gets that 503, not a refusal, and no third attempt.
    expect((failure as WhmTransportError).status).toBe(503);
    expect(simulator.requests).toHaveLength(2);
    expect(client.breakerState).toBe('open');
  });

  it('a hung WHM opens it through timeouts', async () => {
    const { client, events } = watchedClient({ timeoutMs: 100 });
    simulator.setFault('abort_transfer_session', { kind: 'hang' });
    for (let index = 0; index < 3; index += 1) {
      expect(await failureOf(client.call('abort_transfer_session', { transfer_session_id: 'abc' }))).toBeInstanceOf(
        WhmTimeoutError,
      );
    }
    expect(client.breakerState).toBe('open');
    simulator.resetStats();
    expectCircuitOpen(await failureOf(client.call('abort_transfer_session', { transfer_session_id: 'abc' })));
    expect(simulator.requests).toHaveLength(0);
    expect(events.map((event) => event.state)).toEqual(['open']);
  });

  it('a request queued for a connection slot when the breaker opens is refused, not sent', async () => {
    const { client } = watchedClient({ maxConcurrentRequests: 1, breaker: { failureThreshold: 1, halfOpenAfterMs: 5_000 } });
    simulator.setFault('abort_transfer_session', { kind: 'hang' });
    const hung = failureOf(client.call('abort_transfer_session', { transfer_session_id: 'abc' }, { timeoutMs: 100 }));
    const queued = failureOf(client.call('validate_system_user', { user: 'root' }, { timeoutMs: 2_000 }));
    expect(await hung).toBeInstanceOf(WhmTimeoutError);
    expectCircuitOpen(await queued);
    expect(simulator.requests.map((request) => request.functionName)).toEqual(['abort_transfer_session']);
  });
});

describe('what does not open it', () => {
  it('API errors (result 0), protocol errors and auth errors never open it', async () => {
    const { client, events } = watchedClient({ breaker: { failureThreshold: 2, halfOpenAfterMs: HALF_OPEN_AFTER_MS } });
    simulator.setFault('validate_system_user', { kind: 'api-failure', reason: 'Something failed.' });
    for (let index = 0; index < 4; index += 1) expect(await failureOf(read(client))).toBeInstanceOf(WhmApiError);
    simulator.setFault('validate_system_user', { kind: 'html' });
    for (let index = 0; index < 4; index += 1) expect(await failureOf(read(client))).toBeInstanceOf(WhmProtocolError);
    expect(client.breakerState).toBe('closed');

    const { client: stranger, events: strangerEvents } = watchedClient({
      credentials: { kind: 'token', user: 'root', token: 'wrong' },
      breaker: { failureThreshold: 2, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
    });
    simulator.setFault('*', null);
    for (let index = 0; index < 4; index += 1) expect(await failureOf(read(stranger))).toBeInstanceOf(WhmAuthError);
    expect(stranger.breakerState).toBe('closed');
    expect([...events, ...strangerEvents]).toEqual([]);
  });

  it('only consecutive failures count: any answer from WHM resets the count', async () => {
    const { client } = watchedClient();
    simulator.setFault('start_transfer_session', { kind: 'status', status: 503 });
    for (let index = 0; index < 2; index += 1) await failureOf(write(client));
    // WHM answers (with its own failure): the server is up.
    const answered = await failureOf(client.call('get_transfer_session_state', { transfer_session_id: 'missing' }));
    expect(answered).toBeInstanceOf(WhmApiError);
    for (let index = 0; index < 2; index += 1) await failureOf(write(client));
    expect(client.breakerState).toBe('closed');
    await failureOf(write(client));
    expect(client.breakerState).toBe('open');
  });

  it('giving up while waiting for a connection slot is not held against the server', async () => {
    const { client } = watchedClient({
      maxConcurrentRequests: 1,
      breaker: { failureThreshold: 2, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
    });
    simulator.setFault('abort_transfer_session', { kind: 'hang' });
    const hung = failureOf(client.call('abort_transfer_session', { transfer_session_id: 'abc' }, { timeoutMs: 200 }));
    // The slot wait is bounded by the call's timeout (no queueTimeoutMs configured).
    const queued = await Promise.all(
      [1, 2, 3].map(() => failureOf(client.call('validate_system_user', { user: 'root' }, { timeoutMs: 50 }))),
    );
    for (const failure of queued) {
      expect(failure).toBeInstanceOf(WhmTransportError);
      expect((failure as WhmTransportError).code).toBe(QUEUE_TIMEOUT);
      expect((failure as WhmTransportError).requestMayHaveBeenReceived).toBe(false);
    }
    expect(client.breakerState).toBe('closed');
    expect(await hung).toBeInstanceOf(WhmTimeoutError);
    expect(client.breakerState).toBe('closed');
    expect(simulator.requests).toHaveLength(1);
  });

  it('breaker: false turns it off', async () => {
    const { client, events } = watchedClient({ breaker: false });
    simulator.setFault('start_transfer_session', { kind: 'status', status: 503 });
    for (let index = 0; index < 6; index += 1) {
      expect(((await failureOf(write(client))) as WhmTransportError).status).toBe(503);
    }
    expect(simulator.requests).toHaveLength(6);
    expect(client.breakerState).toBe('closed');
    expect(events).toEqual([]);
  });

  it('rejects nonsense settings when the client is built', () => {
    expect(() => watchedClient({ breaker: { failureThreshold: 0 } })).toThrow(/"sim".*failureThreshold/);
    expect(() => watchedClient({ breaker: { halfOpenAfterMs: -1 } })).toThrow(/halfOpenAfterMs/);
  });
});

describe('half-open', () => {
  it('lets exactly one probe through; if WHM is back, it closes and calls work again', async () => {
    const { client, events } = watchedClient();
    await openWith503s(client);
    simulator.setFault('*', null);
    await waitForState(client, 'half-open');
    simulator.resetStats();

    const [probe, ...others] = await Promise.allSettled([read(client), read(client), write(client)]);
    expect(probe?.status).toBe('fulfilled');
    for (const other of others) {
      expect(other.status).toBe('rejected');
      if (other.status === 'rejected') expect(expectCircuitOpen(other.reason).message).toMatch(/probe/);
    }
    expect(simulator.requests).toHaveLength(1);
    expect(client.breakerState).toBe('closed');

    expect(Number((await read(client)).data.exists)).toBe(1);
    expect(simulator.requests).toHaveLength(2);
    expect(events.map((event) => event.state)).toEqual(['open', 'half-open', 'closed']);
    const [opened, halfOpened] = events;
    expect((halfOpened?.at ?? 0) - (opened?.at ?? 0)).toBeGreaterThanOrEqual(HALF_OPEN_AFTER_MS - 5);
  });

  it('if the probe fails, it re-opens for another halfOpenAfterMs', async () => {
    const { client, events } = watchedClient();
    await openWith503s(client);
    await waitForState(client, 'half-open');
    simulator.resetStats();

    expect(((await failureOf(write(client))) as WhmTransportError).status).toBe(503);
    expect(simulator.requests).toHaveLength(1);
    expect(client.breakerState).toBe('open');
    expectCircuitOpen(await failureOf(read(client)));
    expect(simulator.requests).toHaveLength(1);

    await waitForState(client, 'half-open');
    expect(events.map((event) => event.state)).toEqual(['open', 'half-open', 'open', 'half-open']);
    const reopened = events[2]?.at ?? 0;
    const halfOpenedAgain = events[3]?.at ?? 0;
    expect(halfOpenedAgain - reopened).toBeGreaterThanOrEqual(HALF_OPEN_AFTER_MS - 5);
  });

  it('an API error from the probe still proves WHM is up and closes it', async () => {
    const { client } = watchedClient();
    await openWith503s(client);
    simulator.setFault('start_transfer_session', { kind: 'api-failure', reason: 'No such session.' });
    await waitForState(client, 'half-open');
    expect(await failureOf(write(client))).toBeInstanceOf(WhmApiError);
    expect(client.breakerState).toBe('closed');
  });
});
