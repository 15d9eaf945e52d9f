// The live dashboard at /dashboard, built from dashboard/ by Vite for this test. Over plain HTTP: the page
// and its hashed, long-cached assets come from the gateway without credentials; whoami tells the page the
// caller's role. In a real browser (Debian's Chromium driven by playwright-core), against a simulator at
// the demo's speed: the page asks for the key once, lists the sessions, follows a session through the
// subscriptions to its end (progress bars' aria-valuenow rising to 100 without a reload or a poll, the
// failed item's text, the final state), pauses a second session, and asks for nothing outside the gateway.
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
const KEYS = {
  viewer: 'dashboard-viewer-key-0123456789',
  operator: 'dashboard-operator-key-0123456789',
  admin: 'dashboard-admin-key-0123456789',
};
const auth = {
  mode: 'required' as const,
  settings: {
    apiKeys: (['viewer', 'operator', 'admin'] as const).map((role) => ({
      name: `${role}-key`,
      role,
      keyHash: hashApiKey(KEYS[role]),
    })),
    jwt: null,
  },
};

let buildDir = '';
beforeAll(async () => {
  buildDir = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
  const vite = join(PROJECT, 'node_modules', '.bin', 'vite');
  await promisify(execFile)(vite, ['build', '--config', 'dashboard/vite.config.ts', '--outDir', buildDir, '--emptyOutDir'], {
    cwd: PROJECT,
    timeout: 120_000,
  });
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

  const asAdmin = { 'x-api-key': KEYS.admin };
  async function startedSession(users: string[]): Promise<string> {
    const created = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
      'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }',
      {},
      asAdmin,
    );
    const id = created.data?.createRemoteRootTransferSession.session.id ?? '';
    const items = users.map((user) => ({ accountRemoteRoot: { user } }));
    const queued = await gateway.query<{ enqueueTransferItems: { userErrors: unknown[] } }>(
      'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { userErrors { message } } }',
      { id, items },
      asAdmin,
    );
    expect(queued.data?.enqueueTransferItems.userErrors).toEqual([]);
    const started = await gateway.query(
      'mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }',
      { id },
      asAdmin,
    );
    expect(started.data).toEqual({ startTransferSession: { userErrors: [] } });
    return id;
  }

  const bar = (id: string, which: string) => page.getByRole('progressbar', { name: `Session ${id} ${which}`, exact: true });
  const sessionState = () => page.locator('#session-state');

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
    gateway = await startTestGateway({ simulator: { speedFactor: 20 }, gateway: { auth, dashboardDir: buildDir } });
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
    expect(await sessionState().textContent()).toBe('COMPLETED');
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
    const states = (await seenValues()).state ?? [];
    expect(states[0]).toBe('PAUSING');
    expect(states.at(-1)).toBe('PAUSED');
    expect(await page.getByRole('button', { name: 'Resume' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
  }, 120_000);

  it('asked for nothing outside the gateway', () => {
    expect(foreign).toEqual([]);
  });
});
