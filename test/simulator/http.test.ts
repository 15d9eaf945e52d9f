// The HTTP surface: envelopes, GET/POST forms, authentication, faults, stats and control endpoints.
// Quirks are in quirks.test.ts; keep-alive, close(), HTTPS and the request log in connections.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUIRKS, startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { ROOT_AUTH, ROOT_TOKEN, dataOf, whm, whmResponse } from './helpers.js';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
});
afterAll(async () => {
  await simulator.close();
});
afterEach(() => {
  simulator.setFault('*', null);
  simulator.setQuirks({ ...DEFAULT_QUIRKS });
  simulator.resetStats();
});

describe('envelopes', () => {
  it('answers a function with data and metadata, JSON content type', async () => {
    const response = await whmResponse(simulator, 'validate_system_user', { user: 'root' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as unknown;
    expect(body).toEqual({
      data: { exists: 1, reserved: 1, valid_for_new: 1, valid_for_transfer: 1 },
      metadata: { command: 'validate_system_user', reason: 'OK', result: 1, version: 1 },
    });
  });

  it('leaves the data key out when a function returns nothing and on most failures', async () => {
    const text = await (await whmResponse(simulator, 'restore_queue_clear_all_tasks')).text();
    expect(JSON.parse(text)).not.toHaveProperty('data');
    expect(text).not.toContain('"data"');
    const failed = await whm(simulator, 'get_transfer_session_state', { transfer_session_id: 'nosuchsession' });
    expect(failed).not.toHaveProperty('data');
    expect(failed.metadata.result).toBe(0);
    expect(failed.metadata.reason).toMatch(/^\(XID [a-hj-km-np-z2-9]{6}\) The session ID “nosuchsession” does not exist\.$/);
  });

  it('reports missing and empty parameters as API failures with an XID', async () => {
    const missing = await whm(simulator, 'transfer_module_schema');
    expect(missing.metadata.reason).toMatch(/^API failure: \(XID [a-z2-9]{6}\) Provide the “module” parameter\.$/);
    const empty = await whm(simulator, 'transfer_module_schema', { module: '' });
    expect(empty.metadata.reason).toMatch(/^API failure: \(XID [a-z2-9]{6}\) The value of “module” may not be empty\.$/);
  });

  it('names unknown functions like WHM does', async () => {
    const unknown = await whm(simulator, 'no_such_function');
    expect(unknown).toEqual({
      metadata: {
        command: 'no_such_function',
        reason: 'Unknown app (“no_such_function”) requested for this version (1) of the API.',
        result: 0,
        version: 1,
      },
    });
  });

  it('answers without api.version=1 with a failure envelope', async () => {
    const legacy = await whm(simulator, 'validate_system_user', { user: 'root' }, { withoutApiVersion: true });
    expect(legacy.metadata.result).toBe(0);
    expect(legacy.metadata.reason).toContain('api.version=1');
  });
});

describe('request forms', () => {
  it('reads GET query strings and POST form bodies alike', async () => {
    const viaGet = await whm(simulator, 'validate_system_user', { user: 'Brand.New' }, { method: 'GET' });
    const viaPost = await whm(simulator, 'validate_system_user', { user: 'Brand.New' });
    expect(viaGet).toEqual(viaPost);
    expect(dataOf(viaGet)).toEqual({ exists: 0, reserved: 0, valid_for_new: 0, valid_for_transfer: 1 });
  });

  it('accepts the /cpsess prefix and records requests exactly as received', async () => {
    const response = await fetch(`${simulator.url}/cpsess0123456789/json-api/validate_system_user?api.version=1&user=nobody`, {
      headers: { authorization: ROOT_AUTH },
    });
    expect(response.status).toBe(200);
    expect(dataOf((await response.json()) as never)['reserved']).toBe(1);
    const [request] = simulator.requests;
    expect(request?.url).toBe('/cpsess0123456789/json-api/validate_system_user?api.version=1&user=nobody');
    expect(request?.functionName).toBe('validate_system_user');
    expect(request?.method).toBe('GET');
    expect(request?.response?.status).toBe(200);
  });

  it('merges query parameters with the form body', async () => {
    const response = await fetch(`${simulator.url}/json-api/validate_system_user?api.version=1`, {
      method: 'POST',
      headers: { authorization: ROOT_AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=cpanel',
    });
    expect(dataOf((await response.json()) as never)['exists']).toBe(1);
    expect(simulator.requests[0]?.body).toBe('user=cpanel');
  });

  it('answers unknown paths with 404', async () => {
    const response = await fetch(`${simulator.url}/xml-api/version`, { headers: { authorization: ROOT_AUTH } });
    expect(response.status).toBe(404);
  });
});

describe('authentication', () => {
  it('accepts whm and WHM tokens and Basic passwords', async () => {
    for (const authorization of [
      ROOT_AUTH,
      `WHM root:${ROOT_TOKEN}`,
      `Basic ${Buffer.from('root:simulator-root-password').toString('base64')}`,
      'whm sunrise:SIMULATOR-SUNRISE-TOKEN-0123456789',
    ]) {
      const response = await whmResponse(simulator, 'validate_system_user', { user: 'root' }, { authorization });
      expect(response.status, authorization).toBe(200);
    }
  });

  it('refuses missing or wrong credentials with 401 and an HTML page', async () => {
    for (const authorization of [
      '',
      'whm root:wrong',
      'whm root:',
      'whm nobody:x',
      `Basic ${Buffer.from('root:bad').toString('base64')}`,
    ]) {
      const response = await fetch(`${simulator.url}/json-api/validate_system_user?api.version=1&user=root`, {
        headers: authorization === '' ? {} : { authorization },
      });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<html');
    }
    expect(simulator.stats().totalRequests).toBe(5);
    expect(simulator.stats().calls).toEqual({});
  });

  it('refuses cPanel tokens with 403', async () => {
    const response = await whmResponse(simulator, 'validate_system_user', { user: 'root' }, { authorization: 'cpanel root:abc' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Token authentication allows access to UAPI or API 2 calls only.');
  });

  it('answers with the legacy JSON body when configured so', async () => {
    const legacy = await startSimulator({ authFailureStyle: 'legacy' });
    try {
      const response = await whmResponse(legacy, 'validate_system_user', { user: 'root' }, { authorization: 'whm root:nope' });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        cpanelresult: { apiversion: 2, error: 'Access denied', data: { reason: 'Access denied', result: '0' }, type: 'text' },
      });
    } finally {
      await legacy.close();
    }
  });

  it('uses configured tokens and passwords', async () => {
    const custom = await startSimulator({ auth: { tokens: { reseller1: 'TOKEN-R1' }, passwords: {} } });
    try {
      expect(
        (await whmResponse(custom, 'validate_system_user', { user: 'x' }, { authorization: 'whm reseller1:TOKEN-R1' })).status,
      ).toBe(200);
      expect((await whmResponse(custom, 'validate_system_user', { user: 'x' })).status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('faults', () => {
  it('latency delays the answer', async () => {
    simulator.setFault('validate_system_user', { kind: 'latency', ms: 120 });
    const started = Date.now();
    const envelope = await whm(simulator, 'validate_system_user', { user: 'root' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(envelope.metadata.result).toBe(1);
  });

  it('status answers with that status, and `times` clears the fault after N requests', async () => {
    simulator.setFault('validate_system_user', { kind: 'status', status: 503, times: 2 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await whmResponse(simulator, 'validate_system_user', { user: 'root' })).status);
    }
    expect(statuses).toEqual([503, 503, 200]);
    expect(simulator.stats()).toEqual({ totalRequests: 3, calls: { validate_system_user: 1 } });
  });

  it('status can carry a custom body', async () => {
    simulator.setFault('validate_system_user', { kind: 'status', status: 502, body: 'Bad gateway from the proxy' });
    const response = await whmResponse(simulator, 'validate_system_user', { user: 'root' });
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('Bad gateway from the proxy');
  });

  it('reset destroys the connection without an answer', async () => {
    simulator.setFault('validate_system_user', { kind: 'reset', times: 1 });
    await expect(whmResponse(simulator, 'validate_system_user', { user: 'root' })).rejects.toThrow();
    expect((await whmResponse(simulator, 'validate_system_user', { user: 'root' })).status).toBe(200);
  });

  it('html answers 200 with an HTML page', async () => {
    simulator.setFault('validate_system_user', { kind: 'html' });
    const response = await whmResponse(simulator, 'validate_system_user', { user: 'root' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<html>');
  });

  it('invalid-json answers 200 application/json with a truncated body', async () => {
    simulator.setFault('validate_system_user', { kind: 'invalid-json' });
    const response = await whmResponse(simulator, 'validate_system_user', { user: 'root' });
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('hang never answers; the client times out', async () => {
    simulator.setFault('validate_system_user', { kind: 'hang' });
    const attempt = whmResponse(simulator, 'validate_system_user', { user: 'root' });
    const outcome = await Promise.race([
      attempt.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200)),
    ]);
    expect(outcome).toBe('still waiting');
    expect(simulator.stats().totalRequests).toBe(1);
    simulator.setFault('validate_system_user', null);
  });

  it('"*" applies to every function, a specific fault wins over it', async () => {
    simulator.setFault('*', { kind: 'status', status: 500 });
    simulator.setFault('transfer_module_schema', { kind: 'status', status: 504 });
    expect((await whmResponse(simulator, 'available_transfer_modules')).status).toBe(500);
    expect((await whmResponse(simulator, 'transfer_module_schema', { module: 'AccountLocal' })).status).toBe(504);
  });
});

describe('control endpoints and stats', () => {
  it('counts requests and calls, and resets both with the request log', async () => {
    await whm(simulator, 'validate_system_user', { user: 'a' });
    await whm(simulator, 'validate_system_user', { user: 'b' });
    await whm(simulator, 'available_transfer_modules');
    expect(simulator.stats()).toEqual({ totalRequests: 3, calls: { validate_system_user: 2, available_transfer_modules: 1 } });
    const overHttp = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as unknown;
    expect(overHttp).toEqual(simulator.stats());
    expect((await fetch(`${simulator.url}/__sim/reset-stats`, { method: 'POST' })).status).toBe(200);
    expect(simulator.stats()).toEqual({ totalRequests: 0, calls: {} });
    expect(simulator.requests).toEqual([]);
  });

  it('sets faults and quirks over HTTP without authentication', async () => {
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${simulator.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await post('/__sim/faults', { function: 'validate_system_user', fault: { kind: 'status', status: 503, times: 1 } }))
        .status,
    ).toBe(200);
    expect((await whmResponse(simulator, 'validate_system_user', { user: 'x' })).status).toBe(503);
    expect((await whmResponse(simulator, 'validate_system_user', { user: 'x' })).status).toBe(200);
    expect((await post('/__sim/faults', { function: 'x', fault: { kind: 'explode' } })).status).toBe(400);
    expect((await post('/__sim/quirks', { stringResult: true })).status).toBe(200);
    expect((await whm(simulator, 'validate_system_user', { user: 'x' })).metadata.result).toBe('1');
  });

  it('lists sessions for inspection', async () => {
    const response = await fetch(`${simulator.url}/__sim/sessions`);
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });
});
