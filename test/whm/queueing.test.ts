// Time queued behind the connection cap is the gateway's, not WHM's: a WHM timeout runs from when the
// request is sent, and the wait for a slot has its own bound and its own error (QUEUE_TIMEOUT: never
// sent, not held against the breaker, not retried). Against the simulator with injected latency.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  isQueueTimeoutError,
  QUEUE_TIMEOUT,
  WhmApiError,
  WhmClient,
  WhmTransportError,
  type BreakerState,
  type WhmRequestReport,
  type WhmServerConfig,
} from '../../src/whm/index.js';
import { capturingLogger, SIMULATOR_ROOT_TOKEN, startTestSimulator } from '../helpers/whm.js';

// 24 calls through 2 slots, each held 150 ms by WHM: the last ones wait about 1.6 s for a slot,
// far beyond the 1 s WHM timeout, while WHM itself always answers well within it.
const CALLS = 24;
const SLOTS = 2;
const WHM_LATENCY_MS = 150;
const WHM_TIMEOUT_MS = 1_000;

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

function watchedClient(overrides: Partial<WhmServerConfig>) {
  const reports: WhmRequestReport[] = [];
  const breakerStates: BreakerState[] = [];
  const client = new WhmClient(
    {
      name: 'sim',
      url: simulator.url,
      credentials: { kind: 'token', user: 'root', token: SIMULATOR_ROOT_TOKEN },
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      maxConcurrentRequests: SLOTS,
      timeoutMs: WHM_TIMEOUT_MS,
      breaker: { failureThreshold: 1, halfOpenAfterMs: 60_000 },
      ...overrides,
    },
    capturingLogger(),
    { onRequest: (report) => reports.push(report), onBreakerStateChange: (_server, state) => breakerStates.push(state) },
  );
  clients.push(client);
  return { client, reports, breakerStates };
}

/** Reads and writes alike: a write that WHM performs must not time out because it queued first. */
function burst(client: WhmClient): Promise<PromiseSettledResult<unknown>[]> {
  return Promise.allSettled(
    Array.from({ length: CALLS }, (_, index) =>
      index % 3 === 0
        ? client.call('start_transfer_session', { transfer_session_id: `nosuchsession${index}` })
        : client.call('validate_system_user', { user: `user${index}` }),
    ),
  );
}

function reasons(settled: PromiseSettledResult<unknown>[]): unknown[] {
  return settled.flatMap((outcome): unknown[] => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
}

describe('a burst against a slow WHM, behind few connection slots', () => {
  it('with room to queue, every call gets WHM’s own answer: no timeout, breaker closed', async () => {
    const { client, reports, breakerStates } = watchedClient({ queueTimeoutMs: 30_000 });
    simulator.setFault('*', { kind: 'latency', ms: WHM_LATENCY_MS });
    const settled = await burst(client);

    // Only the writes fail, and only because WHM refused them (unknown session): WHM answered.
    const failures = reasons(settled);
    expect(failures).toHaveLength(CALLS / 3);
    for (const failure of failures) expect(failure).toBeInstanceOf(WhmApiError);
    expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength((CALLS * 2) / 3);
    expect(simulator.requests).toHaveLength(CALLS);
    expect(reports.map((report) => report.outcome).filter((outcome) => outcome !== 'ok' && outcome !== 'api_error')).toEqual([]);
    expect(client.breakerState).toBe('closed');
    expect(breakerStates).toEqual([]);
  });

  it('with the default bound (the call’s timeout), the calls that wait too long fail as QUEUE_TIMEOUT, unsent', async () => {
    const { client, reports, breakerStates } = watchedClient({});
    simulator.setFault('*', { kind: 'latency', ms: WHM_LATENCY_MS });
    const settled = await burst(client);

    const queueTimeouts = reasons(settled).filter(isQueueTimeoutError);
    expect(queueTimeouts.length).toBeGreaterThan(0);
    // Every other failure is WHM refusing a write: no WHM timeout, no transport failure.
    for (const failure of reasons(settled).filter((reason) => !isQueueTimeoutError(reason))) {
      expect(failure).toBeInstanceOf(WhmApiError);
    }
    for (const failure of queueTimeouts) {
      expect((failure as WhmTransportError).requestMayHaveBeenReceived).toBe(false);
    }
    // Given up, not retried (even the reads) and never sent: WHM saw exactly the other calls.
    expect(simulator.requests).toHaveLength(CALLS - queueTimeouts.length);
    expect(reports.filter((report) => report.outcome === 'queue_timeout')).toHaveLength(queueTimeouts.length);
    expect(reports.every((report) => report.attempt === 1)).toBe(true);
    expect(client.breakerState).toBe('closed');
    expect(breakerStates).toEqual([]);
  });
});

describe('the bound on the wait for a slot', () => {
  it('gives a typed QUEUE_TIMEOUT error, sends nothing, and leaves the breaker closed', async () => {
    const { client, reports } = watchedClient({ maxConcurrentRequests: 1, queueTimeoutMs: 50 });
    simulator.setFault('validate_system_user', { kind: 'latency', ms: 400 });
    const holder = client.call('validate_system_user', { user: 'root' });
    const [read, write, batch] = await Promise.all([
      client.call('validate_system_user', { user: 'queued' }).catch((error: unknown) => error),
      client.call('pause_transfer_session', { transfer_session_id: 'queued' }).catch((error: unknown) => error),
      client.batch([{ function: 'validate_system_user', params: { user: 'queued-in-batch' } }]),
    ]);
    const batchOutcome = batch[0];
    const batchError = batchOutcome && !batchOutcome.ok ? batchOutcome.error : undefined;
    for (const failure of [read, write, batchError]) {
      expect(failure).toBeInstanceOf(WhmTransportError);
      const error = failure as WhmTransportError;
      expect(error.code).toBe(QUEUE_TIMEOUT);
      expect(error.requestMayHaveBeenReceived).toBe(false);
      expect(error.message).toMatch(/not sent: all 1 connection slots .* busy for 50 ms/);
    }
    expect(Number((await holder).data.exists)).toBe(1);

    expect(simulator.requests.map((request) => request.body)).toEqual([expect.stringContaining('user=root')]);
    expect(reports.map((report) => [report.command, report.outcome, report.attempt])).toEqual(
      expect.arrayContaining([
        ['validate_system_user', 'queue_timeout', 1],
        ['pause_transfer_session', 'queue_timeout', 1],
        ['batch', 'queue_timeout', 1],
        ['validate_system_user', 'ok', 1],
      ]),
    );
    expect(reports).toHaveLength(4);
    // failureThreshold is 1: a single failure held against the server would have opened it.
    expect(client.breakerState).toBe('closed');
  });

  it('rejects a nonsense bound when the client is built', () => {
    expect(() => watchedClient({ queueTimeoutMs: -1 })).toThrow(/"sim".*queueTimeoutMs/);
  });
});
