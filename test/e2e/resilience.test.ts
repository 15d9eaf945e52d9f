// WHM misbehaving, seen through the gateway: stable codes, no crash, no retried write, and a circuit
// breaker that opens, shows in /metrics and readiness, and recovers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ breaker: { failureThreshold: 3, halfOpenAfterMs: 300 }, gateway: { readinessCacheMs: 0 } });
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => {
  gateway.simulator.setFault('*', null);
  gateway.simulator.resetStats();
});

// A write the gateway sends without reading first (steering mutations check the session's state).
const ACTIVATE = 'mutation { activateRestoreQueue { userErrors { code } } }';
const metricsText = async () => (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
const readiness = async () => (await fetch(gateway.url.replace('/graphql', '/health/ready'))).status;

describe('WHM faults through the gateway', () => {
  it('a write that meets a 5xx or a reset is reported once and never retried', async () => {
    gateway.simulator.setFault('restore_queue_activate', { kind: 'status', status: 502, times: 1 });
    const failed = await gateway.query(ACTIVATE);
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'WHM_UNAVAILABLE', whmMayHaveActed: true });
    gateway.simulator.setFault('restore_queue_activate', { kind: 'reset', times: 1 });
    const reset = await gateway.query(ACTIVATE);
    expect(reset.errors?.[0]?.extensions?.code).toBe('WHM_UNAVAILABLE');
    expect(gateway.simulator.requests.filter((request) => request.functionName === 'restore_queue_activate')).toHaveLength(2);
    // And the gateway is fine afterwards.
    const healthy = await gateway.query<{ activateRestoreQueue: { userErrors: { code: string }[] } }>(ACTIVATE);
    expect(healthy.data?.activateRestoreQueue.userErrors).toEqual([]);
  });

  it('a read is retried through a passing 5xx and succeeds', async () => {
    gateway.simulator.setFault('restore_modules_summary', { kind: 'status', status: 503, times: 2 });
    const response = await gateway.query<{ restoreModules: unknown[] }>('{ restoreModules { name } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.restoreModules.length).toBeGreaterThan(0);
    expect(gateway.simulator.requests.filter((request) => request.functionName === 'restore_modules_summary')).toHaveLength(3);
  });

  it('opens the breaker after repeated failures, answers fast, and recovers', async () => {
    expect(await readiness()).toBe(200);
    gateway.simulator.setFault('*', { kind: 'status', status: 503 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await gateway.query(ACTIVATE)).errors?.[0]?.extensions?.code).toBe('WHM_UNAVAILABLE');
    }
    const sent = gateway.simulator.stats().totalRequests;
    const fast = await gateway.query(ACTIVATE);
    expect(fast.errors?.[0]?.extensions).toMatchObject({ code: 'WHM_UNAVAILABLE', whmMayHaveActed: false });
    expect(fast.errors?.[0]?.message).toMatch(/considered down/);
    expect(gateway.simulator.stats().totalRequests).toBe(sent);
    expect(await metricsText()).toMatch(/whm_circuit_breaker_state\{server="sim"\} 2/);
    expect(await readiness()).toBe(503);

    gateway.simulator.setFault('*', null);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await eventually(async () => ((await gateway.query(ACTIVATE)).errors === undefined ? true : undefined), 5_000, 100);
    expect(await metricsText()).toMatch(/whm_circuit_breaker_state\{server="sim"\} 0/);
    expect(await readiness()).toBe(200);
  });
});
