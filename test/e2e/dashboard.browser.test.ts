// The live dashboard in a real browser (Debian's Chromium driven by playwright-core; over HTTP: dashboard.test.ts),
// built by Vite for this test, against a simulator at the demo's speed: the page asks for the key once, lists the
// sessions, follows one through the subscriptions to its end (aria-valuenow rising to 100 with no reload or poll, the
// failed item's text, the final state), pauses another, resumes the event stream from its last cursor after a lost
// connection, needs no key in open mode, shows the API's userErrors, and asks for nothing outside the gateway.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, dashboardAuth as auth, DASHBOARD_KEYS as KEYS, type DashboardBuild } from '../helpers/dashboard.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { servicesRequired } from '../helpers/services.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent) {
  if (servicesRequired()) throw new Error(`Chromium not found at ${CHROMIUM}, and REQUIRE_SERVICES=1: failing`);
  console.warn(`Chromium not found at ${CHROMIUM}: skipping the dashboard's browser tests (apt-get install chromium)`);
}

/** Where the screenshot of the session view goes (outside the repository). */
const OUTPUT_DIR = join(tmpdir(), 'whm-gateway-test-output');
const CREATE_SESSION =
  'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }';

/** A graphql-ws message, as far as the test reads it. */
interface Frame {
  type: string;
  id?: string;
  payload?: { variables?: Record<string, unknown>; data?: { transferSessionEvents?: { cursor: string } } };
}

describe.skipIf(!chromiumPresent)('the dashboard in Chromium', () => {
  let gateway: TestGateway;
  let origin: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let build: DashboardBuild;
  /** Requests the browser tried outside the gateways' origins: aborted, as if offline. */
  const foreign: string[] = [];
  const origins: string[] = [];
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
    const created = await asAdmin<{ createRemoteRootTransferSession: { session: { id: string } } }>(CREATE_SESSION);
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
    // The demo's simulated speed; the gateway polls WHM for subscribers twice a second.
    build = await buildDashboard();
    const live = { pollIntervalMs: 500 };
    gateway = await startTestGateway({
      simulator: { speedFactor: 20 },
      gateway: { auth, dashboardDir: build.directory, ...live },
    });
    origin = new URL(gateway.url).origin;
    origins.push(origin);
    profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-quic'.split(
        ' ',
      ),
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (origins.some((allowed) => url.startsWith(`${allowed}/`)) || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort('internetdisconnected');
    });
    await context.routeWebSocket(/\/graphql$/, (ws) => {
      const server = ws.connectToServer();
      // Once the cut begins, frames still arriving are lost in flight, as on a real broken connection:
      // not recorded (the page never gets them), so the frames recorded are the ones the page got.
      let relaying = true;
      const relay = (from: typeof ws, to: typeof ws, sent: boolean) =>
        from.onMessage((message) => {
          if (!relaying) return;
          frames.push({ sent, message: JSON.parse(String(message)) as Frame });
          to.send(message);
        });
      relay(ws, server, true);
      relay(server, ws, false);
      cut = async () => {
        relaying = false;
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
  }, 130_000);

  afterAll(async () => {
    await context?.close();
    await gateway?.close();
    build?.remove();
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
    await page.locator('#session').screenshot({ path: screenshot, animations: 'disabled' });
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

  it('asks for no key in open mode, offers an admin every button, and shows API userErrors inline', async () => {
    const open = await startTestGateway({ sharedSimulator: gateway.simulator, gateway: { dashboardDir: build.directory } });
    const openOrigin = new URL(open.url).origin;
    origins.push(openOrigin);
    const openPage = await context.newPage();
    try {
      const created = await open.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(CREATE_SESSION);
      const id = created.data?.createRemoteRootTransferSession.session.id ?? '';
      await openPage.goto(`${openOrigin}/dashboard#/session/sim/${id}`);
      await openPage.getByText('anonymous · ADMIN').waitFor();
      expect(await openPage.locator('#key-form').isHidden()).toBe(true);
      await openPage.locator('#session-state', { hasText: 'PENDING' }).waitFor();
      const resume = openPage.getByRole('button', { name: 'Resume' });
      expect(await openPage.getByRole('button', { name: 'Abort' }).isEnabled()).toBe(true);
      // As if the page's view were stale: Resume on a PENDING session; the API refuses, the page says so.
      await resume.evaluate((button) => ((button as HTMLButtonElement).disabled = false));
      await resume.click();
      await openPage.locator('.user-errors li', { hasText: 'INVALID_STATE' }).waitFor();
      // A server the gateway does not know: the subscription's refusal is shown, and no final state is claimed.
      await openPage.goto(`${openOrigin}/dashboard#/session/nowhere/${id}`);
      await openPage.locator('#session [role=alert]', { hasText: 'nowhere' }).waitFor();
      expect(await openPage.locator('#session-connection').getAttribute('data-state')).toBe('failed');
    } finally {
      await openPage.close();
      await open.close();
    }
  }, 60_000);

  it('asked for nothing outside the gateway', () => {
    expect(foreign).toEqual([]);
  });
});
