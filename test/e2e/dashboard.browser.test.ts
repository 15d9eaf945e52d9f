// The live dashboard at /dashboard, built by Vite for this test. Over HTTP: the page and its hashed, long-cached
// assets come without credentials; whoami gives the caller's role. In Chromium (playwright-core), against a simulator
// at the demo's speed: the page asks for the key once, lists the sessions, follows one through the subscriptions to
// its end (aria-valuenow rising to 100 with no reload or poll, the failed item's text, the final state), pauses
// another, resumes the event stream from its last cursor after a lost connection, and asks nothing outside the gateway.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { DASHBOARD_CSP } from '../../src/http/dashboard.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { servicesRequired } from '../helpers/services.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent) {
  if (servicesRequired()) throw new Error(`Chromium not found at ${CHROMIUM}, and REQUIRE_SERVICES=1: failing`);
  console.warn(`Chromium not found at ${CHROMIUM}: skipping the dashboard's browser tests (apt-get install chromium)`);
}

const PROJECT = resolve(import.meta.dirname, '..', '..');
/** Where the screenshot of the session view goes (outside the repository). */
const OUTPUT_DIR = join(tmpdir(), 'whm-gateway-test-output');
const ROLES = ['viewer', 'operator', 'admin'] as const;
const KEYS = { viewer: 'viewer-key-0123456789', operator: 'operator-key-0123456789', admin: 'admin-key-0123456789' };
const apiKeys = ROLES.map((role) => ({ name: `${role}-key`, role, keyHash: hashApiKey(KEYS[role]) }));
const auth = { mode: 'required' as const, settings: { apiKeys, jwt: null } };

/** A graphql-ws message, as far as the test reads it. */
interface Frame {
  type: string;
  id?: string;
  payload?: { variables?: Record<string, unknown>; data?: { transferSessionEvents?: { cursor: string } } };
}

let buildDir = '';
beforeAll(async () => {
  buildDir = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
  const args = ['build', '--config', 'dashboard/vite.config.ts', '--outDir', buildDir, '--emptyOutDir'];
  await promisify(execFile)(join(PROJECT, 'node_modules', '.bin', 'vite'), args, { cwd: PROJECT, timeout: 120_000 });
}, 130_000);
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

describe('/dashboard over HTTP', () => {
  let gateway: TestGateway;
  let origin: string;
  beforeAll(async () => {
    gateway = await startTestGateway({ gateway: { auth, dashboardDir: buildDir } });
    origin = new URL(gateway.url).origin;
  });
  afterAll(() => gateway.close());

  it('serves the page without credentials, not cached, and names only hashed assets of its own, cached for good', async () => {
    const page = await fetch(`${origin}/dashboard`);
    const html = await page.text();
    expect(page.status).toBe(200);
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
    }
    expect((await fetch(`${origin}/dashboard/assets/index-00000000.js`)).status).toBe(404);
    expect((await fetch(`${origin}/dashboard/assets/../index.html`)).status).toBe(404);
  });

  it('answers 503 with what to do before the dashboard is built, and is linked from the landing page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dashboard-unbuilt-'));
    const unbuilt = await startTestGateway({ sharedSimulator: gateway.simulator, gateway: { auth, dashboardDir: empty } });
    try {
      const response = await fetch(new URL('/dashboard', unbuilt.url));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'DASHBOARD_NOT_BUILT' } }] });
    } finally {
      await unbuilt.close();
      rmSync(empty, { recursive: true, force: true });
    }
    const landing = await (await fetch(gateway.url, { headers: { accept: 'text/html' } })).text();
    expect(landing).toContain('<a href="/dashboard">Live dashboard</a>');
  });

  it('tells each caller their role and servers through whoami, with no WHM call', async () => {
    gateway.simulator.resetStats();
    for (const [role, key] of Object.entries(KEYS)) {
      const answer = await gateway.query('{ whoami { id role servers } }', {}, { 'x-api-key': key });
      expect(answer.data).toEqual({ whoami: { id: `key:${role}-key`, role: role.toUpperCase(), servers: ['sim'] } });
    }
    expect(gateway.simulator.stats().totalRequests).toBe(0);
  });
});

describe.skipIf(!chromiumPresent)('the dashboard in Chromium', () => {
  let gateway: TestGateway;
  let origin: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  /** Requests the browser tried outside the gateway's origin: aborted, as if offline. */
  const foreign: string[] = [];
  /** The operation names of the page's POSTs to /graphql, in order. */
  const operations: string[] = [];
  /** Every graphql-ws message through the page's WebSocket, both ways; `cut` drops the connection. */
  const frames: { sent: boolean; message: Frame }[] = [];
  let cut = async () => {};

  /** A session on the demo source with these accounts queued, started through the API. */
  async function startedSession(users: string[]): Promise<string> {
    const asAdmin = async <D>(query: string, variables: Record<string, unknown> = {}) => {
      const answer = await gateway.query<D>(query, variables, { 'x-api-key': KEYS.admin });
      expect(answer.errors).toBeUndefined();
      return answer.data as D;
    };
    const input = '{ host: "source.example.net", credentials: { password: "remote-root-password" } }';
    const created = await asAdmin<{ createRemoteRootTransferSession: { session: { id: string } } }>(
      `mutation { createRemoteRootTransferSession(input: ${input}) { session { id } } }`,
    );
    const id = created.createRemoteRootTransferSession.session.id;
    const items = users.map((user) => ({ accountRemoteRoot: { user } }));
    const enqueue =
      'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { userErrors { message } } }';
    expect(await asAdmin(enqueue, { id, items })).toEqual({ enqueueTransferItems: { userErrors: [] } });
    const start = 'mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }';
    expect(await asAdmin(start, { id })).toEqual({ startTransferSession: { userErrors: [] } });
    return id;
  }

  const bar = (id: string, which: string) => page.getByRole('progressbar', { name: `Session ${id} ${which}`, exact: true });

  /** Records every value the page's progress bars and state badge take, as the page changes them. */
  async function watchPage(): Promise<void> {
    await page.evaluate(() => {
      const seen: Record<string, string[]> = {};
      (window as unknown as { seen: typeof seen }).seen = seen;
      const note = (name: string, value: string | null) => {
        const values = (seen[name] ??= []);
        if (value !== null && values.at(-1) !== value) values.push(value);
      };
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role=progressbar]'))
          note(bar.getAttribute('aria-label') ?? '?', bar.getAttribute('aria-valuenow'));
        note('state', document.getElementById('session-state')?.textContent ?? null);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }
  const seenValues = () => page.evaluate(() => (window as unknown as { seen: Record<string, string[]> }).seen);

  beforeAll(async () => {
    // The demo's simulated speed, and the gateway polling WHM for subscribers twice a second.
    gateway = await startTestGateway({ simulator: { speedFactor: 20 }, gateway: { auth, dashboardDir: buildDir, pollIntervalMs: 500 } });
    origin = new URL(gateway.url).origin;
    profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort('internetdisconnected');
    });
    await context.routeWebSocket(/\/graphql$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        frames.push({ sent: true, message: JSON.parse(String(message)) as Frame });
        server.send(message);
      });
      server.onMessage((message) => {
        frames.push({ sent: false, message: JSON.parse(String(message)) as Frame });
        ws.send(message);
      });
      cut = async () => {
        await ws.close({ code: 1012, reason: 'The test cuts the connection.' });
        await server.close();
      };
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
      const body = request.postDataJSON() as { query?: string } | null;
      operations.push(/^\s*(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1] ?? '(anonymous)');
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await gateway?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('asks for the key once, lists the sessions, and follows one live to its end', async () => {
    const id = await startedSession(['meadow', 'oddphp', 'quotafull']);
    await page.goto(`${origin}/dashboard`);
    await page.getByLabel('API key').fill(KEYS.operator);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByText('key:operator-key · OPERATOR').waitFor();
    await page.getByRole('link', { name: id }).click();
    await bar(id, 'overall progress').waitFor();
    await watchPage();

    const final = page.locator(`[role=progressbar][aria-label="Session ${id} overall progress"][aria-valuenow="100"]`);
    await final.waitFor({ timeout: 60_000 });
    await page.getByText('Final state reached').waitFor({ timeout: 30_000 });
    expect(await page.locator('#session-state').textContent()).toBe('COMPLETED');
    for (const queue of ['TRANSFER', 'RESTORE'])
      expect(await bar(id, `${queue} queue progress`).getAttribute('aria-valuenow')).toBe('100');
    const failed = page.locator('tr[data-item="quotafull"]');
    expect(await failed.getAttribute('data-state')).toBe('FAILED');
    expect(await failed.locator('td.failure').textContent()).toMatch(/does not have enough free space/);
    expect(await page.locator('tr[data-item="oddphp"] .warnings li').count()).toBe(2);
    expect(await page.locator(`ol[aria-label="Events of session ${id}"] li`).count()).toBeGreaterThan(5);

    // The bars rose step by step in this page (no reload: the recorder installed above is still there).
    const seen = await seenValues();
    const overall = (seen[`Session ${id} overall progress`] ?? []).map(Number);
    expect(overall.length).toBeGreaterThanOrEqual(2);
    expect(overall.at(-1)).toBe(100);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    // whoami refused without a key, then with it; the list; then one query (the last events) and nothing
    // more: every update came through the subscriptions.
    expect(operations).toEqual(['DashboardWhoAmI', 'DashboardWhoAmI', 'DashboardSessions', 'DashboardRecentEvents']);
    // An operator may pause and resume, not abort.
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Abort' }).count()).toBe(0);
    expect(frames.find((frame) => frame.message.type === 'connection_init')?.message.payload).toEqual({
      'x-api-key': KEYS.operator,
    });

    mkdirSync(OUTPUT_DIR, { recursive: true });
    const screenshot = join(OUTPUT_DIR, 'dashboard-session-view.png');
    await page.locator('#session').screenshot({ path: screenshot });
    console.log(`dashboard screenshot: ${screenshot}`);
  }, 120_000);

  it('pauses a second running session: PAUSING, then PAUSED', async () => {
    const id = await startedSession(['mediavault', 'hostpro', 'cloudly']);
    await page.goto(`${origin}/dashboard#/session/sim/${id}`);
    // The key is kept in the tab: a reload does not ask again.
    await page.reload();
    await page.getByText('key:operator-key · OPERATOR').waitFor();
    expect(await page.locator('#key-form').isHidden()).toBe(true);
    await page.locator('#session-state', { hasText: 'RUNNING' }).waitFor({ timeout: 30_000 });
    await watchPage();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('#session-state', { hasText: 'PAUSED' }).waitFor({ timeout: 60_000 });
    // What the badge showed from the click on: the mutation's answer, then the subscription's pushes.
    const states = (await seenValues()).state ?? [];
    expect(states.slice(states.lastIndexOf('RUNNING') + 1)).toEqual(['PAUSING', 'PAUSED']);
    expect(await page.getByRole('button', { name: 'Resume' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
  }, 120_000);

  it('resumes the event stream after a lost connection from the last cursor it received', async () => {
    const id = await startedSession(['siteforge', 'manydns', 'dbcorrupt']);
    await page.goto(`${origin}/dashboard#/session/sim/${id}`);
    const subscribes = () =>
      frames.filter(({ sent, message }) => sent && message.type === 'subscribe' && message.payload?.variables?.id === id);
    const eventIds = () =>
      new Set(subscribes().flatMap(({ message }) => ('after' in (message.payload?.variables ?? {}) ? [message.id] : [])));
    const cursors = () =>
      frames
        .filter(({ sent, message }) => !sent && message.type === 'next' && eventIds().has(message.id))
        .map(({ message }) => message.payload?.data?.transferSessionEvents?.cursor);
    await expect.poll(() => cursors().length, { timeout: 30_000 }).toBeGreaterThan(0);
    await cut();
    const before = cursors();
    await page.locator('#session-connection[data-state="reconnecting"]').waitFor();
    await page.getByText('Final state reached').waitFor({ timeout: 60_000 });
    const eventSubscribes = subscribes().filter(({ message }) => eventIds().has(message.id));
    expect(eventSubscribes).toHaveLength(2);
    expect(eventSubscribes[1]?.message.payload?.variables?.after).toBe(before.at(-1));
    const all = cursors();
    expect(all.length).toBeGreaterThan(before.length);
    expect(new Set(all).size).toBe(all.length);
  }, 120_000);

  it('asked for nothing outside the gateway', () => {
    expect(foreign).toEqual([]);
  });
});
