// First-run friction, through the real entry point where it matters: a busy port is one line and exit 1
// (before demo mode starts anything), production without a WHM refuses to start, the demo banner says why
// its times run ahead. Then what a first client meets: CORS exposes X-Request-Id and Retry-After, the
// introspection refusal names its setting, and no error carries a suggestion or its mask.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { closedLoopbackPort } from '../helpers/services.js';

const dataDir = mkdtempSync(join(tmpdir(), 'gateway-first-run-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  output: () => string;
  exited: Promise<number | null>;
  kill: () => void;
}

function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, GATEWAY_DATA_DIR: dataDir, LOG_LEVEL: 'info', WHM_URL: '', WHM_CONFIG: '', GATEWAY_ENV: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: () => child.kill('SIGTERM'),
  };
}

function waitForOutput(started: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms:\n${started.output()}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (!pattern.test(started.output())) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 100);
  });
}

describe('npm start on a first run', () => {
  it('ends with one line when the port is in use, and the demo banner says why its times run ahead', async () => {
    const port = await closedLoopbackPort();
    const first = startMain({ PORT: String(port) });
    try {
      await waitForOutput(first, /ready: open http:\/\//, 60_000);
      // Log lines go through the logger's own buffered stream: they may follow the ready line.
      await waitForOutput(first, /DEMO MODE/, 10_000);
      expect(first.output()).toMatch(/clock runs 20× fast \(WHM_SIM_SPEED\)[^"]*run ahead of the wall clock/);
      expect(first.output()).toMatch(/local explorer \(GraphiQL, works offline\): http:\/\/\S+\/graphiql/);
      const second = startMain({ PORT: String(port) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toBe(`port ${port} is in use; set PORT\n`);
    } finally {
      first.kill();
    }
    expect(await first.exited).toBe(0);
  }, 90_000);

  it('refuses production with no WHM configured, unless GATEWAY_DEMO=1', async () => {
    const keys = JSON.stringify([{ name: 'ops', role: 'viewer', keyHash: hashApiKey('first-run-key-0123456789abcdef') }]);
    const refused = startMain({ PORT: '0', GATEWAY_ENV: 'production', GATEWAY_API_KEYS: keys });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/GATEWAY_ENV=production needs a WHM server .*GATEWAY_DEMO=1/);
    expect(refused.output()).not.toMatch(/DEMO MODE/);

    const demo = startMain({ PORT: '0', GATEWAY_ENV: 'production', GATEWAY_API_KEYS: keys, GATEWAY_DEMO: '1' });
    try {
      await waitForOutput(demo, /ready: open http:\/\//, 60_000);
      await waitForOutput(demo, /DEMO MODE/, 10_000);
    } finally {
      demo.kill();
    }
    expect(await demo.exited).toBe(0);
  }, 90_000);
});

describe('what a first client meets', () => {
  const ORIGIN = 'https://console.example.com';
  let development: TestGateway;
  let production: TestGateway;
  const key = 'first-run-operator-key-0123456789';
  // Its own rate-limit budget (2 a minute), spent by the 429 test alone.
  const limitedKey = 'first-run-limited-key-0123456789';
  const auth = {
    mode: 'required' as const,
    settings: {
      apiKeys: [
        { name: 'ops', role: 'operator' as const, keyHash: hashApiKey(key) },
        { name: 'limited', role: 'viewer' as const, keyHash: hashApiKey(limitedKey) },
      ],
      jwt: null,
    },
  };

  beforeAll(async () => {
    [development, production] = await Promise.all([
      startTestGateway({ gateway: { corsOrigins: [ORIGIN], introspection: false } }),
      startTestGateway({
        gateway: { auth, production: true, corsOrigins: [ORIGIN], rateLimit: { perIdentityPerMinute: 2, perIpPerMinute: 1000 } },
      }),
    ]);
  }, 60_000);
  afterAll(() => Promise.all([development?.close(), production?.close()]));

  it('lets a browser page read X-Request-Id, and Retry-After on a 429', async () => {
    const send = () =>
      fetch(production.url, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-api-key': limitedKey },
        body: JSON.stringify({ query: '{ servers { name } }' }),
      });
    const answered = await send();
    expect(answered.status).toBe(200);
    expect(answered.headers.get('access-control-expose-headers')).toBe('X-Request-Id, Retry-After');
    expect(answered.headers.get('x-request-id')).toBeTruthy();
    await send();
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('access-control-expose-headers')).toBe('X-Request-Id, Retry-After');
  });

  it('says which setting turns introspection on, in development and production', async () => {
    for (const gateway of [development, production]) {
      const response = await gateway.query('{ __schema { queryType { name } } }', {}, { 'x-api-key': key });
      expect(response.errors?.map((error) => error.message)).toEqual([
        'Introspection (__schema, __type) is off on this gateway (off by default in production). ' +
          'Set GATEWAY_INTROSPECTION=1 to allow it, or get the schema from the schema/ folder.',
      ]);
    }
  });

  it.each([
    ['a misspelt field', '{ servrs { name } }', undefined, 'Cannot query field "servrs" on type "Query".'],
    [
      'a misspelt argument',
      '{ validateSystemUser(usrname: "a", username: "b") { exists } }',
      undefined,
      'Unknown argument "usrname" on field "Query.validateSystemUser".',
    ],
    [
      'a misspelt enum value',
      '{ transferSessions(filter: { states: [RUNNNG] }) { totalCount } }',
      undefined,
      'Value "RUNNNG" does not exist in "TransferSessionState" enum.',
    ],
    [
      'a misspelt enum value in variables',
      'query($f: TransferSessionFilter) { transferSessions(filter: $f) { totalCount } }',
      { f: { states: ['RUNNNG'] } },
      'Variable "$f" got invalid value "RUNNNG" at "f.states[0]"; Value "RUNNNG" does not exist in "TransferSessionState" enum.',
    ],
  ])('names %s without a suggestion or a mask (development)', async (_case, query, variables, message) => {
    const response = await development.query(query, variables);
    expect(response.errors?.map((error) => error.message)).toEqual([message]);
  });
});
