// The live dashboard over HTTP (its browser side: dashboard.browser.test.ts): the page and its hashed,
// long-cached assets come from the gateway without credentials, nothing else is reachable through the
// assets path, an unbuilt dashboard says how to build it, Sandbox's bar links to it, and whoami tells
// each caller their role (what the page shows buttons by).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from '../../src/http/dashboard.js';
import { buildDashboard, dashboardAuth as auth, DASHBOARD_KEYS, type DashboardBuild } from '../helpers/dashboard.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { rawRequest } from '../helpers/raw-http.js';

let build: DashboardBuild;
let gateway: TestGateway;
let origin: string;
beforeAll(async () => {
  build = await buildDashboard();
  gateway = await startTestGateway({ gateway: { auth, dashboardDir: build.directory } });
  origin = new URL(gateway.url).origin;
}, 130_000);
afterAll(async () => {
  await gateway?.close();
  build?.remove();
});

describe('/dashboard over HTTP', () => {
  it('serves the page without credentials, not cached, naming only its own hashed assets, cached for good', async () => {
    const page = await fetch(`${origin}/dashboard`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(html.match(/https?:\/\/[^\s"'<]*/g) ?? []).toEqual([]);
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const path of assets) {
      expect(path).toMatch(/^\/dashboard\/assets\/[\w-]+-[\w-]{8}\.(js|css)$/);
      const asset = await fetch(`${origin}${path}`);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await asset.text()).length).toBeGreaterThan(100);
    }
    expect((await fetch(`${origin}/dashboard/`)).status).toBe(200);
  });

  it('answers 404 for an unknown asset and for anything outside the assets folder', async () => {
    expect((await fetch(`${origin}/dashboard/assets/index-00000000.js`)).status).toBe(404);
    const escape = await rawRequest(gateway.url, { path: '/dashboard/assets/..%2findex.html' });
    expect(escape.status).toBe(404);
    expect(escape.text).not.toContain('<!doctype html>');
  });

  it('answers 503 with what to do before the dashboard is built, and is linked from the landing page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dashboard-unbuilt-'));
    const unbuilt = await startTestGateway({ sharedSimulator: gateway.simulator, gateway: { auth, dashboardDir: empty } });
    try {
      const response = await fetch(new URL('/dashboard', unbuilt.url));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        errors: [{ message: expect.stringContaining('npm run build:dashboard'), extensions: { code: 'DASHBOARD_NOT_BUILT' } }],
      });
    } finally {
      await unbuilt.close();
      rmSync(empty, { recursive: true, force: true });
    }
    const landing = await (await fetch(gateway.url, { headers: { accept: 'text/html' } })).text();
    expect(landing).toContain('<a href="/dashboard">Live dashboard</a>');
  });

  it('is absent with dashboardDir: false, and answers only loopback Host names in open mode', async () => {
    const open = await startTestGateway({ sharedSimulator: gateway.simulator, gateway: { dashboardDir: build.directory } });
    const without = await startTestGateway({ sharedSimulator: gateway.simulator, gateway: { auth, dashboardDir: false } });
    try {
      expect((await rawRequest(open.url, { path: '/dashboard', headers: { host: 'rebound.example:4000' } })).status).toBe(403);
      expect((await rawRequest(open.url, { path: '/dashboard', headers: { host: 'localhost:4000' } })).status).toBe(200);
      expect((await fetch(new URL('/dashboard', without.url))).status).toBe(404);
    } finally {
      await Promise.all([open.close(), without.close()]);
    }
  });

  it('tells each caller their id, role and servers through whoami, with no WHM call', async () => {
    gateway.simulator.resetStats();
    for (const [role, key] of Object.entries(DASHBOARD_KEYS)) {
      const answer = await gateway.query('{ whoami { id role servers } }', {}, { 'x-api-key': key });
      expect(answer.data).toEqual({ whoami: { id: `key:${role}-key`, role: role.toUpperCase(), servers: ['sim'] } });
    }
    const open = await startTestGateway({ sharedSimulator: gateway.simulator, extraServerNames: ['east'] });
    try {
      expect((await open.query('{ whoami { id role servers } }')).data).toEqual({
        whoami: { id: 'anonymous', role: 'ADMIN', servers: ['sim', 'east'] },
      });
    } finally {
      await open.close();
    }
    expect(gateway.simulator.stats().totalRequests).toBe(0);
  });
});
