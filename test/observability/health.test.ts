import http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHealthChecks,
  createLogger,
  safeDetail,
  type HealthCheckOptions,
  type HealthCheckResult,
} from '../../src/observability/index.js';
import { captureLines, closeServer, listenOnLoopback } from './helpers.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});

async function serve(
  options: HealthCheckOptions,
): Promise<(path: string) => Promise<{ status: number; body: Record<string, unknown>; cacheControl: string | null }>> {
  const health = createHealthChecks(options);
  const app = express();
  app.get('/health/live', health.live);
  app.get('/health/ready', health.ready);
  const server = http.createServer(app);
  servers.push(server);
  const base = await listenOnLoopback(server);
  return async (path) => {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      cacheControl: response.headers.get('cache-control'),
    };
  };
}

const healthyServers = async (): Promise<HealthCheckResult[]> => [
  { name: 'east', ok: true },
  { name: 'west', ok: true, detail: 'breaker closed' },
];

describe('createHealthChecks', () => {
  it('live answers 200 {status:"ok"} whatever the dependencies say', async () => {
    const get = await serve({
      checkRegistry: () => Promise.reject(new Error('down')),
      checkServers: () => Promise.reject(new Error('down')),
    });
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' }, cacheControl: 'no-store' });
  });

  it('ready answers 200 with every check when all pass', async () => {
    const get = await serve({ checkRegistry: async () => {}, checkServers: healthyServers });
    const answer = await get('/health/ready');
    expect(answer.status).toBe(200);
    expect(answer.cacheControl).toBe('no-store');
    expect(answer.body).toEqual({
      status: 'ready',
      checks: [
        { name: 'registry', ok: true },
        { name: 'east', ok: true },
        { name: 'west', ok: true, detail: 'breaker closed' },
      ],
    });
  });

  it('ready answers 503 when a check fails, with a safe detail, and logs the failure', async () => {
    const out = captureLines();
    const get = await serve({
      checkRegistry: () => Promise.reject(new Error('PGlite closed')),
      checkServers: async () => [
        {
          name: 'east',
          ok: false,
          detail: 'circuit open: connect ECONNREFUSED https://root:hunter2@whm.example.com:2087/json-api/x?token=abc',
        },
        { name: 'west', ok: true },
      ],
      logger: createLogger({ destination: out }),
    });
    const answer = await get('/health/ready');
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: 'not ready',
      checks: [
        { name: 'registry', ok: false, detail: 'PGlite closed' },
        { name: 'east', ok: false, detail: 'circuit open: connect ECONNREFUSED https://whm.example.com:2087' },
        { name: 'west', ok: true },
      ],
    });
    expect(out.records()).toMatchObject([
      { level: 'warn', check: 'registry', err: { message: 'PGlite closed' }, msg: 'readiness check failed' },
    ]);
  });

  it('a failing check marked required:false is reported without making the gateway unready', async () => {
    const get = await serve({
      checkRegistry: async () => {},
      checkServers: async () => [
        { name: 'east', ok: true },
        { name: 'west', ok: false, detail: 'circuit open', required: false },
      ],
    });
    const answer = await get('/health/ready');
    expect(answer.status).toBe(200);
    expect(answer.body['checks']).toContainEqual({ name: 'west', ok: false, detail: 'circuit open', required: false });
  });

  it('gives each check a deadline', async () => {
    const started = Date.now();
    const get = await serve({
      checkRegistry: () => new Promise<void>(() => {}),
      checkServers: () => new Promise<HealthCheckResult[]>(() => {}),
      checkTimeoutMs: 150,
    });
    const answer = await get('/health/ready');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: 'not ready',
      checks: [
        { name: 'registry', ok: false, detail: 'no answer within 150 ms' },
        { name: 'servers', ok: false, detail: 'no answer within 150 ms' },
      ],
    });
  });

  it('treats a check that throws synchronously as failed', async () => {
    const get = await serve({
      checkRegistry: () => {
        throw new Error('not opened yet');
      },
      checkServers: healthyServers,
    });
    const answer = await get('/health/ready');
    expect(answer.status).toBe(503);
    expect(answer.body['checks']).toContainEqual({ name: 'registry', ok: false, detail: 'not opened yet' });
  });

  it('caches the verdict for cacheMs and shares one run among concurrent probes', async () => {
    let runs = 0;
    let registryUp = true;
    const get = await serve({
      checkRegistry: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (!registryUp) throw new Error('registry down');
      },
      checkServers: healthyServers,
      cacheMs: 1_000,
    });
    const concurrent = await Promise.all([get('/health/ready'), get('/health/ready'), get('/health/ready')]);
    expect(concurrent.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(runs).toBe(1);

    registryUp = false;
    expect((await get('/health/ready')).status).toBe(200); // still the cached verdict
    expect(runs).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await get('/health/ready')).status).toBe(503);
    expect(runs).toBe(2);
    // A failure is cached too: probes do not hammer a struggling dependency.
    registryUp = true;
    expect((await get('/health/ready')).status).toBe(503);
    expect(runs).toBe(2);
  });
});

describe('safeDetail', () => {
  it('strips credentials from URLs and credential-looking text', () => {
    const detail = safeDetail(
      'failed https://root:s3cret@whm.example.com:2087/json-api/batch?api.version=1 with Authorization: whm root:TOKEN123 token=abc password="p w" Bearer eyJhbGciOi',
    );
    for (const secret of ['s3cret', 'TOKEN123', 'abc', 'p w', 'eyJhbGciOi', 'api.version', 'json-api'])
      expect(detail).not.toContain(secret);
    expect(detail).toContain('https://whm.example.com:2087');
    expect(safeDetail('WHM server east did not answer')).toBe('WHM server east did not answer');
    expect(safeDetail('x'.repeat(500)).length).toBeLessThanOrEqual(200);
  });
});
