// WHM `batch` through the client: one HTTP request for many calls, outcomes in order, per-call errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { WhmApiError, WhmTransportError, type WhmCall, type WhmClient } from '../../src/whm/index.js';
import { clientFor, startTestSimulator } from '../helpers/whm.js';

let simulator: RunningSimulator;
let client: WhmClient;

beforeAll(async () => {
  simulator = await startTestSimulator();
  client = clientFor(simulator);
});
beforeEach(() => {
  simulator.resetStats();
  simulator.setFault('*', null);
});
afterAll(async () => {
  client.close();
  await simulator.close();
});

const usernames = (count: number): string[] => Array.from({ length: count }, (_, index) => `batchuser${index}`);

describe('batch', () => {
  it('sends 100 calls as exactly one HTTP request, with a failing call in place', async () => {
    const calls: WhmCall<'validate_system_user'>[] = usernames(100).map((user) => ({
      function: 'validate_system_user',
      params: { user },
    }));
    calls[37] = { function: 'validate_system_user', params: { user: '' } };
    calls[0] = { function: 'validate_system_user', params: { user: 'root' } };

    const outcomes = await client.batch(calls);

    expect(simulator.stats().totalRequests).toBe(1);
    expect(simulator.stats().calls.validate_system_user).toBe(100);
    expect(outcomes).toHaveLength(100);
    const failed = outcomes.flatMap((outcome, index) => (outcome.ok ? [] : [index]));
    expect(failed).toEqual([37]);
    const bad = outcomes[37];
    expect(bad?.ok === false && bad.error).toBeInstanceOf(WhmApiError);
    if (bad?.ok === false) expect(bad.error.command).toBe('validate_system_user');
    const root = outcomes[0];
    expect(root?.ok && Number(root.value.data.exists)).toBe(1);
    const fresh = outcomes[1];
    expect(fresh?.ok && Number(fresh.value.data.exists)).toBe(0);
  });

  it('mixes functions and keeps each outcome with its call', async () => {
    const outcomes = await client.batch([
      { function: 'available_transfer_modules', params: {} },
      { function: 'get_transfer_session_state', params: { transfer_session_id: 'missingsessioncopya20260101000000abcd' } },
      { function: 'transfer_module_schema', params: { module: 'PackageRemoteRoot' } },
    ]);
    expect(simulator.stats().totalRequests).toBe(1);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const missing = outcomes[1];
    if (missing?.ok === false) {
      expect(missing.error).toBeInstanceOf(WhmApiError);
      expect((missing.error as WhmApiError).reason).toMatch(/does not exist/);
    }
  });

  it('keeps special characters intact through the double encoding', async () => {
    const tricky = ['a&b=c', 'spa ce', 'plus+sign', 'percent%41', 'ünïcödé“quoted”'];
    const outcomes = await client.batch(
      tricky.map((module) => ({ function: 'transfer_module_schema' as const, params: { module } })),
    );
    outcomes.forEach((outcome, index) => {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect((outcome.error as WhmApiError).reason).toContain(`“${tricky[index]}”`);
    });
  });

  it('splits beyond the maximum batch size', async () => {
    const small = clientFor(simulator, { maxBatchSize: 40 });
    const outcomes = await small.batch(
      usernames(100).map((user) => ({ function: 'validate_system_user' as const, params: { user } })),
    );
    small.close();
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(simulator.stats().totalRequests).toBe(3);
  });

  it('with abortOnError, calls after the first failure are reported as not run', async () => {
    const outcomes = await client.batch(
      [
        { function: 'validate_system_user', params: { user: 'one' } },
        { function: 'validate_system_user', params: { user: '' } },
        { function: 'validate_system_user', params: { user: 'three' } },
      ],
      { abortOnError: true },
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false]);
    const notRun = outcomes[2];
    if (notRun?.ok === false) expect((notRun.error as WhmApiError).reason).toMatch(/Not run/);
  });

  it('a failed request fails only its own calls', async () => {
    simulator.setFault('batch', { kind: 'status', status: 503, times: 10 });
    const outcomes = await client.batch([
      { function: 'enqueue_transfer_item', params: { transfer_session_id: 'x', module: 'PackageRemoteRoot', package: 'p' } },
    ]);
    // A batch holding a write is never retried: one request, and the error is reported per call.
    expect(simulator.stats().totalRequests).toBe(1);
    const [outcome] = outcomes;
    expect(outcome?.ok === false && outcome.error).toBeInstanceOf(WhmTransportError);
  });

  it('an empty batch makes no request', async () => {
    expect(await client.batch([])).toEqual([]);
    expect(simulator.stats().totalRequests).toBe(0);
  });
});
