// The transport's promises: POST form bodies with api.version=1, secrets never in URLs or logs,
// keep-alive connections, a cap on requests in flight, verified TLS with a CA file or an opt-out.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { WhmClient, WhmTransportError } from '../../src/whm/index.js';
import { capturingLogger, clientFor, SIMULATOR_ROOT_TOKEN, startTestSimulator } from '../helpers/whm.js';

const PASSWORD = 'Pa55-distinctive-remote-secret';
const ROOT_PASSWORD = 'Root-distinctive-escalation-secret';
const PASSPHRASE = 'Key-distinctive-passphrase-secret';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  await simulator.close();
});

describe('requests on the wire', () => {
  it('POSTs a form body with api.version=1 and the token in the Authorization header', async () => {
    const client = clientFor(simulator);
    simulator.resetStats();
    await client.call('validate_system_user', { user: 'root' });
    client.close();
    const [request] = simulator.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/json-api/validate_system_user');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe(`whm root:${SIMULATOR_ROOT_TOKEN}`);
    const body = new URLSearchParams(request?.body ?? '');
    expect(body.get('api.version')).toBe('1');
    expect(body.get('user')).toBe('root');
  });

  it('sends booleans as 1/0 and never puts a secret in a URL or a log line', async () => {
    const logger = capturingLogger();
    const client = clientFor(simulator, {}, logger);
    simulator.resetStats();
    const attempts = [
      client.call('create_remote_root_transfer_session', {
        host: 'source.example.net',
        user: 'admin',
        password: PASSWORD,
        root_escalation_method: 'su',
        root_password: ROOT_PASSWORD,
        compressed: true,
        unencrypted: false,
      }),
      client.call('create_remote_root_transfer_session', {
        host: 'source.example.net',
        user: 'root',
        sshkey_name: 'id_transfer',
        sshkey_passphrase: PASSPHRASE,
      }),
      client.call('remote_basic_credential_check', { host: 'source.example.net', user: 'root', password: PASSWORD }),
      client.batch([
        { function: 'remote_basic_credential_check', params: { host: 'source.example.net', user: 'root', password: PASSWORD } },
      ]),
    ];
    const settled = await Promise.allSettled(attempts);
    client.close();
    const first = new URLSearchParams(
      simulator.requests.find((r) => r.functionName === 'create_remote_root_transfer_session')?.body,
    );
    expect(first.get('compressed')).toBe('1');
    expect(first.get('unencrypted')).toBe('0');
    const everything = JSON.stringify({
      urls: simulator.requests.map((request) => request.url),
      logs: logger.lines,
      errors: settled.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : '')),
    });
    for (const secret of [PASSWORD, ROOT_PASSWORD, PASSPHRASE]) expect(everything).not.toContain(secret);
    expect(logger.lines.some((line) => JSON.stringify(line).includes('[REDACTED]'))).toBe(true);
  });
});

describe('catalogue defaults', () => {
  it('create_remote_root_transfer_session gets the defaults real servers assume, under the given parameters', async () => {
    const client = clientFor(simulator);
    simulator.resetStats();
    const given = { host: 'source.example.net', user: 'root', password: PASSWORD, transfer_threads: 3, compressed: undefined };
    await Promise.allSettled([
      client.call('create_remote_root_transfer_session', given),
      client.batch([{ function: 'create_remote_root_transfer_session', params: given }]),
    ]);
    client.close();
    const direct = simulator.requests.find((request) => request.functionName === 'create_remote_root_transfer_session');
    const batch = simulator.requests.find((request) => request.functionName === 'batch');
    const batched = new URLSearchParams(new URLSearchParams(batch?.body).get('command')?.split('?')[1]);
    for (const sent of [new URLSearchParams(direct?.body), batched]) {
      expect(sent.get('comm_transport')).toBe('ssh');
      expect(sent.get('restore_threads')).toBe('1');
      // Given values win; an explicit undefined does not erase a default.
      expect(sent.get('transfer_threads')).toBe('3');
      expect(sent.get('compressed')).toBe('0');
      expect(sent.getAll('host')).toEqual(['source.example.net']);
    }
  });

  it('other functions get nothing added', async () => {
    const client = clientFor(simulator);
    simulator.resetStats();
    await client.call('validate_system_user', { user: 'root' });
    client.close();
    expect([...new URLSearchParams(simulator.requests[0]?.body).keys()]).toEqual(['api.version', 'user']);
  });
});

/** A bare upstream that answers like WHM and counts connections and requests in flight. */
async function countingUpstream(delayMs: number) {
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((request, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    request.resume();
    setTimeout(() => {
      inFlight -= 1;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          data: { exists: 0, reserved: 0, valid_for_new: 1, valid_for_transfer: 1 },
          metadata: { command: 'validate_system_user', reason: 'OK', result: 1, version: 1 },
        }),
      );
    }, delayMs);
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ connections, maxInFlight }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('connections', () => {
  it('reuses one keep-alive connection for sequential calls', async () => {
    const upstream = await countingUpstream(0);
    const client = new WhmClient({ name: 'u', url: upstream.url, credentials: { kind: 'token', user: 'root', token: 't' } });
    for (let index = 0; index < 10; index += 1) await client.call('validate_system_user', { user: `u${index}` });
    client.close();
    expect(upstream.counts().connections).toBe(1);
    await upstream.close();
  });

  it('never has more requests in flight than maxConcurrentRequests', async () => {
    const upstream = await countingUpstream(40);
    const client = new WhmClient({
      name: 'u',
      url: upstream.url,
      credentials: { kind: 'token', user: 'root', token: 't' },
      maxConcurrentRequests: 3,
    });
    await Promise.all(Array.from({ length: 12 }, (_, index) => client.call('validate_system_user', { user: `u${index}` })));
    client.close();
    expect(upstream.counts().maxInFlight).toBe(3);
    // Each slot keeps its keep-alive connection: no new connection per queued request.
    expect(upstream.counts().connections).toBe(3);
    await upstream.close();
  });
});

describe('TLS', () => {
  let secure: RunningSimulator;
  let caFile = '';

  beforeAll(async () => {
    secure = await startTestSimulator({ tls: true });
    caFile = join(mkdtempSync(join(tmpdir(), 'whm-ca-')), 'ca.pem');
    writeFileSync(caFile, secure.caCertificatePem ?? '');
  });
  afterAll(async () => {
    await secure.close();
  });

  it('refuses an untrusted certificate with a clear, non-retried error', async () => {
    const client = clientFor(secure);
    secure.resetStats();
    const failure = await client.call('validate_system_user', { user: 'root' }).catch((error: unknown) => error);
    client.close();
    expect(failure).toBeInstanceOf(WhmTransportError);
    expect((failure as WhmTransportError).transient).toBe(false);
    expect((failure as Error).message).toMatch(/TLS/);
    expect(secure.stats().totalRequests).toBe(0);
  });

  it('trusts the server with its CA file', async () => {
    const client = clientFor(secure, { caFile });
    expect(Number((await client.call('validate_system_user', { user: 'root' })).data.exists)).toBe(1);
    client.close();
  });

  it('can be told to skip verification, and warns about it', async () => {
    const logger = capturingLogger();
    const client = clientFor(secure, { insecureTls: true }, logger);
    expect(Number((await client.call('validate_system_user', { user: 'root' })).data.exists)).toBe(1);
    client.close();
    expect(logger.lines.some((line) => line.level === 'warn' && /TLS verification is OFF/.test(line.message))).toBe(true);
  });
});
