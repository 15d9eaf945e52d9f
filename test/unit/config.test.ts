// Configuration is read from the environment (and a servers file) and checked once, all problems at once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, loadConfig } from '../../src/config.js';
import { revealSecret, Secret } from '../../src/whm/index.js';

const directory = mkdtempSync(join(tmpdir(), 'gateway-config-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, directory);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('with no WHM configured, means demo mode on loopback port 4000', () => {
    const config = loadConfig({}, directory);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, servers: [], batching: true, demoSpeed: 20 });
    expect(config.dataDir).toBe(join(directory, '.data'));
  });

  it('reads one server from WHM_URL, WHM_USER and WHM_TOKEN', () => {
    const config = loadConfig({ WHM_URL: 'https://whm.example.com:2087', WHM_TOKEN: 'abc', WHM_MAX_BATCH_SIZE: '50' }, directory);
    expect(config.servers).toEqual([
      expect.objectContaining({
        name: 'default',
        url: 'https://whm.example.com:2087',
        credentials: { kind: 'token', user: 'root', token: expect.any(Secret) },
        maxBatchSize: 50,
        isDefault: true,
      }),
    ]);
  });

  it('reads many servers from a YAML file, secrets from the environment', () => {
    const file = join(directory, 'servers.yaml');
    writeFileSync(
      file,
      [
        'servers:',
        '  - name: east',
        '    url: https://east.example.com:2087',
        '    tokenEnv: EAST_TOKEN',
        '  - name: west',
        '    url: https://west.example.com:2087',
        '    user: reseller',
        '    password: pw',
        '    maxConcurrentRequests: 3',
      ].join('\n'),
    );
    const config = loadConfig({ WHM_CONFIG: file, EAST_TOKEN: 'from-env' }, directory);
    expect(
      config.servers.map((server) => [server.name, server.isDefault, server.credentials.kind, server.credentials.user]),
    ).toEqual([
      ['east', true, 'token', 'root'],
      ['west', false, 'password', 'reseller'],
    ]);
    const [east, west] = config.servers;
    expect(east?.credentials.kind === 'token' && revealSecret(east.credentials.token)).toBe('from-env');
    expect(west?.credentials.kind === 'password' && revealSecret(west.credentials.password)).toBe('pw');
    // The configuration can be logged or serialised without its secrets.
    expect(JSON.stringify(config)).not.toMatch(/from-env|"pw"/);
    expect(inspect(config, { depth: 10 })).not.toMatch(/from-env|'pw'/);
    expect(config.servers[1]?.maxConcurrentRequests).toBe(3);
  });

  it('reports every problem together, clearly', () => {
    const file = join(directory, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        servers: [
          { name: 'a', url: 'ftp://x' },
          { name: 'a', url: 'https://y', token: 't', password: 'p' },
        ],
      }),
    );
    const problems = problemsOf({ WHM_CONFIG: file, PORT: 'eighty', WHM_MAX_BATCH_SIZE: '0' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/WHM_MAX_BATCH_SIZE must be a whole number/),
        expect.stringMatching(/servers\[0\]: url must start with https/),
        expect.stringMatching(/servers\[0\]: an API token .* is required/),
        expect.stringMatching(/servers\[1\]: give a token or a password, not both/),
        expect.stringMatching(/PORT must be a whole number/),
      ]),
    );
  });

  it('reports server, access and general problems in one error, in the order they are read', () => {
    const env = { WHM_MAX_BATCH_SIZE: '0', WHM_TOKEN: 'x', GATEWAY_ENV: 'staging', LOG_LEVEL: 'loud', PORT: 'eighty' };
    expect(problemsOf(env)).toEqual([
      expect.stringMatching(/^WHM_MAX_BATCH_SIZE must be a whole number/),
      expect.stringMatching(/^WHM_TOKEN\/WHM_PASSWORD is set but WHM_URL is not$/),
      'GATEWAY_ENV must be production or development',
      expect.stringMatching(/^LOG_LEVEL must be one of fatal, /),
      expect.stringMatching(/^PORT must be a whole number/),
    ]);
    expect(() => loadConfig(env, directory)).toThrow(/^Invalid configuration:\n- WHM_MAX_BATCH_SIZE[^]*\n- PORT must be/);
  });

  it('refuses a token without a URL, and a CA file that does not exist', () => {
    expect(problemsOf({ WHM_TOKEN: 'x' })).toEqual([expect.stringMatching(/WHM_URL is not/)]);
    expect(problemsOf({ WHM_URL: 'https://w.example', WHM_TOKEN: 'x', WHM_CA_FILE: '/nope/ca.pem' })).toEqual([
      expect.stringMatching(/caFile \/nope\/ca.pem does not exist/),
    ]);
  });
});

describe('access configuration', () => {
  it('runs open only on loopback', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '10.0.0.1', '::', 'example.com'].map(isLoopback)).toEqual([false, false, false, false]);
    expect(loadConfig({}, directory).auth.mode).toBe('open');
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([expect.stringMatching(/HOST 0\.0\.0\.0 is not a loopback address/)]);
    expect(problemsOf({ HOST: '0.0.0.0', GATEWAY_AUTH: 'off' })).toEqual([expect.stringMatching(/not a loopback address/)]);
  });

  it('requires auth as soon as keys or JWT settings exist, and checks them', () => {
    const keyHash = `sha256:${'a'.repeat(64)}`;
    const config = loadConfig(
      { HOST: '0.0.0.0', GATEWAY_API_KEYS: JSON.stringify([{ name: 'ops', role: 'operator', keyHash }]) },
      directory,
    );
    expect(config.auth).toEqual({
      mode: 'required',
      settings: { apiKeys: [{ name: 'ops', role: 'operator', keyHash, servers: undefined }], jwt: null },
    });
    expect(problemsOf({ GATEWAY_API_KEYS: JSON.stringify([{ name: 'x', role: 'root', keyHash: 'plain-key' }]) })).toEqual([
      expect.stringMatching(/role must be viewer, operator or admin/),
      expect.stringMatching(/keyHash must be "sha256:/),
    ]);
    expect(problemsOf({ GATEWAY_JWT_SECRET: 'short' })).toEqual([expect.stringMatching(/at least 32 characters/)]);
  });

  it('turns introspection, Sandbox and the explorer off in production unless asked', () => {
    const keys = JSON.stringify([{ name: 'k', role: 'viewer', keyHash: `sha256:${'b'.repeat(64)}` }]);
    const production = { GATEWAY_ENV: 'production', GATEWAY_API_KEYS: keys, WHM_URL: 'https://w.example', WHM_TOKEN: 'x' };
    expect(loadConfig(production, directory)).toMatchObject({
      production: true,
      introspection: false,
      sandbox: false,
      explorer: false,
    });
    expect(loadConfig({ ...production, GATEWAY_INTROSPECTION: '1' }, directory).introspection).toBe(true);
    expect(loadConfig({ ...production, GATEWAY_EXPLORER: '1' }, directory)).toMatchObject({ sandbox: false, explorer: true });
    expect(loadConfig({}, directory)).toMatchObject({ sandbox: true, explorer: true });
    expect(loadConfig({ GATEWAY_EXPLORER: 'off' }, directory)).toMatchObject({ sandbox: true, explorer: false });
  });

  it('runs demo mode in production only when asked (GATEWAY_DEMO=1), and never beside a configured WHM', () => {
    const keys = JSON.stringify([{ name: 'k', role: 'viewer', keyHash: `sha256:${'b'.repeat(64)}` }]);
    expect(problemsOf({ GATEWAY_ENV: 'production', GATEWAY_API_KEYS: keys })).toEqual([
      expect.stringMatching(/^GATEWAY_ENV=production needs a WHM server .*GATEWAY_DEMO=1/),
    ]);
    expect(loadConfig({ GATEWAY_ENV: 'production', GATEWAY_API_KEYS: keys, GATEWAY_DEMO: '1' }, directory).servers).toEqual([]);
    expect(loadConfig({}, directory).servers).toEqual([]);
    expect(problemsOf({ GATEWAY_DEMO: '1', WHM_URL: 'https://w.example', WHM_TOKEN: 'x' })).toEqual([
      expect.stringMatching(/^GATEWAY_DEMO=1 serves the embedded WHM simulator/),
    ]);
  });
});
