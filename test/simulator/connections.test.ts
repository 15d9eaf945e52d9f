// Connections: keep-alive, close() with a hung request, HTTPS with a self-signed certificate, and
// the bounded request log.
import http from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { ROOT_AUTH, whmResponse } from './helpers.js';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
});
afterAll(async () => {
  await simulator.close();
});

describe('connections', () => {
  it('keeps connections alive between requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const get = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const request = http.get(
          `${simulator.url}/json-api/validate_system_user?api.version=1&user=root`,
          { agent, headers: { authorization: ROOT_AUTH } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        request.on('socket', (socket) => sockets.add(socket));
        request.on('error', reject);
      });
    for (let index = 0; index < 5; index += 1) expect(await get()).toBe(200);
    agent.destroy();
    expect(sockets.size).toBe(1);
  });

  it('close() ends promptly even with a hung request', async () => {
    const doomed = await startSimulator();
    doomed.setFault('*', { kind: 'hang' });
    const pending = whmResponse(doomed, 'validate_system_user', { user: 'root' }).then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await doomed.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('connection closed');
  });

  it('serves HTTPS with a self-signed certificate a client can trust', async () => {
    const secure = await startSimulator({ tls: true });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(secure.caCertificatePem).toContain('BEGIN CERTIFICATE');
      const status = await new Promise<number>((resolve, reject) => {
        const request = https.get(
          `${secure.url}/json-api/validate_system_user?api.version=1&user=root`,
          { ca: secure.caCertificatePem, headers: { authorization: ROOT_AUTH } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      await secure.close();
    }
  });
});

describe('request log', () => {
  it('keeps only the newest entries once it is full', async () => {
    const small = await startSimulator({ maxLoggedRequests: 3 });
    for (let index = 0; index < 5; index += 1) {
      await fetch(`${small.url}/json-api/validate_system_user`, {
        method: 'POST',
        headers: { authorization: ROOT_AUTH, 'content-type': 'application/x-www-form-urlencoded' },
        body: `api.version=1&user=user${index}`,
      });
    }
    expect(small.requests.map((request) => new URLSearchParams(request.body).get('user'))).toEqual(['user2', 'user3', 'user4']);
    expect(small.stats().totalRequests).toBe(5);
    await small.close();
  });
});
