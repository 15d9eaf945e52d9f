// The local explorer at /graphiql. Over plain HTTP: the page names no other origin, its assets come from
// the gateway, it needs no credentials, open mode still checks Host, production turns it off unless
// GATEWAY_EXPLORER. In a real browser (Debian's Chromium driven by playwright-core): the example
// operations are preloaded, an API key typed into the headers editor authenticates, ValidateUser answers,
// subscriptions go to ws://<host>/graphql, and the browser asks for nothing outside the gateway.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { EXPLORER_CSP } from '../../src/http/explorer.js';
import { EXAMPLE_OPERATIONS_FILE } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { rawRequest } from '../helpers/raw-http.js';
import { servicesRequired } from '../helpers/services.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent) {
  if (servicesRequired()) throw new Error(`Chromium not found at ${CHROMIUM}, and REQUIRE_SERVICES=1: failing`);
  console.warn(
    `Chromium not found at ${CHROMIUM}: skipping the browser tests (apt-get install chromium; REQUIRE_SERVICES=1 fails instead)`,
  );
}

const API_KEY = 'explorer-viewer-key-0123456789abcdef';
const exampleOperations = readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8');
const auth = {
  mode: 'required' as const,
  settings: { apiKeys: [{ name: 'viewer', role: 'viewer' as const, keyHash: hashApiKey(API_KEY) }], jwt: null },
};

/** Every src= and href= of a page. */
function assetPaths(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('the /graphiql page over HTTP', () => {
  let gateway: TestGateway;
  let origin: string;
  beforeAll(async () => {
    gateway = await startTestGateway({ gateway: { auth, exampleOperations } });
    origin = new URL(gateway.url).origin;
  });
  afterAll(() => gateway.close());

  it('is served without credentials, names no other origin, and forbids every other origin', async () => {
    const response = await fetch(`${origin}/graphiql`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(html.match(/https?:\/\/[^\s"'<]*/g) ?? []).toEqual([]);
    expect(html).toContain('ValidateUser');
  });

  it('serves every asset the page names from the gateway, cacheable for good', async () => {
    const html = await (await fetch(`${origin}/graphiql`)).text();
    const paths = assetPaths(html);
    expect(paths.length).toBeGreaterThanOrEqual(4);
    for (const path of paths) {
      expect(path).toMatch(/^\/graphiql\/assets\/[0-9a-f]{16}\/[a-z.]+$/);
      const asset = await fetch(`${origin}${path}`);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const stale = await fetch(`${origin}/graphiql/assets/0000000000000000/graphiql.js`);
    expect(stale.status).toBe(404);
  });

  it('is linked from the Sandbox landing page, with a curl example that carries the key header', async () => {
    const landing = await (await fetch(gateway.url, { headers: { accept: 'text/html' } })).text();
    expect(landing).toContain('<a href="/graphiql">Local explorer (GraphiQL, works offline)</a>');
    expect(landing).toContain(`curl -H 'content-type: application/json' -H 'x-api-key: YOUR_KEY' -d`);
    expect(landing).toContain('embeddable-sandbox');
  });
});

describe('where the explorer is off', () => {
  it('is off in production unless GATEWAY_EXPLORER, and / then leads to it', async () => {
    const production = await startTestGateway({ gateway: { auth, production: true } });
    const withExplorer = await startTestGateway({ gateway: { auth, production: true, explorer: true } });
    try {
      expect((await fetch(new URL('/graphiql', production.url))).status).toBe(404);
      expect((await fetch(new URL('/graphiql', withExplorer.url))).status).toBe(200);
      const root = await fetch(new URL('/', withExplorer.url), { redirect: 'manual' });
      expect(root.headers.get('location')).toBe('/graphiql');
    } finally {
      await Promise.all([production.close(), withExplorer.close()]);
    }
  });

  it('answers only loopback Host names in open mode, like the rest of the gateway', async () => {
    const open = await startTestGateway();
    try {
      expect((await rawRequest(open.url, { path: '/graphiql', headers: { host: 'rebound.example:4000' } })).status).toBe(403);
      expect((await rawRequest(open.url, { path: '/graphiql', headers: { host: 'localhost:4000' } })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe.skipIf(!chromiumPresent)('the explorer in Chromium', () => {
  let gateway: TestGateway;
  let origin: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  /** Every WebSocket the page opened: GraphiQL may open it before a test starts waiting for it. */
  const sockets: string[] = [];
  /** Requests the browser tried outside the gateway's origin: aborted, as if offline. */
  const foreign: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ gateway: { auth, exampleOperations } });
    origin = new URL(gateway.url).origin;
    profile = mkdtempSync(join(tmpdir(), 'explorer-chromium-'));
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
      if (url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort('internetdisconnected');
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('websocket', (socket) => sockets.push(socket.url()));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await gateway?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Replaces a Monaco editor's text; Monaco closes quotes and braces as they arrive, so the tail is cut. */
  async function replaceEditorText(editor: string, text: string): Promise<void> {
    await page.locator(`${editor} .monaco-editor`).filter({ visible: true }).first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(text);
    await page.keyboard.press('Shift+ControlOrMeta+End');
    await page.keyboard.press('Delete');
  }

  it('runs the example ValidateUser operation with the API key typed into the headers editor', async () => {
    await page.goto(`${origin}/graphiql`);
    await page.getByRole('button', { name: /Execute query/ }).waitFor();
    await replaceEditorText('.graphiql-editor-tool', JSON.stringify({ 'x-api-key': API_KEY }));
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.getByRole('menuitem', { name: 'ValidateUser' }).click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"validForTransfer"').waitFor({ timeout: 20_000 });
    // Monaco lays out indentation with no-break spaces.
    const shown = JSON.parse((await response.innerText()).replace(/\u00a0/g, ' ')) as unknown;
    expect(shown).toEqual({
      data: { validateSystemUser: { username: 'harbor', exists: true, reserved: false, validForTransfer: true } },
    });
  }, 60_000);

  it('sends subscriptions to ws://<host>/graphql', async () => {
    await replaceEditorText(
      '.graphiql-query-editor',
      'subscription Watch { transferSessionUpdated(id: "nosuchhostcopya20260101000000abcdef") { id } }',
    );
    await page.locator('.graphiql-query-editor').getByText('subscription Watch').first().waitFor({ timeout: 10_000 });
    const expected = `${origin.replace(/^http/, 'ws')}/graphql`;
    const execute = page.getByRole('button', { name: /Execute query/ });
    const menuItem = page.getByRole('menuitem', { name: 'Watch' });
    // Execute runs a lone operation at once, or opens a menu (when the editor kept other operations) that renders a
    // moment later: each round picks whichever the page shows, until the socket opens.
    await expect
      .poll(
        async () => {
          if (sockets.includes(expected)) return sockets;
          if (await menuItem.isVisible()) await menuItem.click({ timeout: 2_000 });
          else if (await execute.isVisible()) await execute.click({ timeout: 2_000 });
          return sockets;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toContain(expected);
  }, 60_000);

  it('asked for nothing outside the gateway', () => {
    expect(foreign).toEqual([]);
  });
});
