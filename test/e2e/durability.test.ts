// Nothing lost between WHM and the registry: every write is journalled before it is sent (a crash
// leaves "WHM may have…"), and an Idempotency-Key repeat returns the first answer without WHM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { SIMULATOR_ROOT_TOKEN, eventually } from '../helpers/whm.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => {
  gateway.simulator.setFault('*', null);
  gateway.simulator.resetStats();
});

const SECRET = 'Journal-Secret-Root-Pw-91c2';
const CREATE = `mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "${SECRET}" } }) {
  session { id } userErrors { code message } } }`;
const CREATE_DEMO = CREATE.replace(SECRET, 'remote-root-password');
const WRITES = `query($unresolved: Boolean) { whmWrites(unresolved: $unresolved, first: 5) {
  whmFunction params outcome detail mayHaveDone requestedBy startedAt finishedAt } }`;
interface WriteData {
  whmWrites: {
    whmFunction: string;
    params: Record<string, unknown>;
    outcome: string | null;
    detail: string | null;
    mayHaveDone: string | null;
  }[];
}

describe('the write journal', () => {
  it('records each write with its outcome and parameters, never a credential', async () => {
    await gateway.query(CREATE_DEMO);
    await gateway.query(CREATE); // wrong password: WHM refuses
    const writes = (await gateway.query<WriteData>(WRITES)).data?.whmWrites ?? [];
    expect(writes.slice(0, 2).map((write) => [write.whmFunction, write.outcome])).toEqual([
      ['create_remote_root_transfer_session', 'REFUSED'],
      ['create_remote_root_transfer_session', 'SUCCEEDED'],
    ]);
    expect(writes[0]?.params).toMatchObject({ host: 'source.example.net', user: 'root' });
    expect(JSON.stringify(writes)).not.toContain(SECRET);
    expect(JSON.stringify(writes)).not.toMatch(/password/);
    expect(writes[0]?.mayHaveDone).toBeNull();
  });

  it('knows a write before WHM answers it: in flight, it is unresolved and says what WHM may do', async () => {
    gateway.simulator.setFault('restore_queue_activate', { kind: 'latency', ms: 1_500 });
    const pending = gateway.query('mutation { activateRestoreQueue { userErrors { code } } }');
    await eventually(
      async () =>
        gateway.simulator.requests.some((request) => request.functionName === 'restore_queue_activate') ? true : undefined,
      5_000,
      10,
    );
    const open = (await gateway.query<WriteData>(WRITES, { unresolved: true })).data?.whmWrites[0];
    expect(open).toMatchObject({
      whmFunction: 'restore_queue_activate',
      outcome: null,
      mayHaveDone: expect.stringMatching(/may have run restore_queue_activate/),
    });
    await pending;
    const done = (await gateway.query<WriteData>(WRITES)).data?.whmWrites[0];
    expect(done).toMatchObject({ whmFunction: 'restore_queue_activate', outcome: 'SUCCEEDED' });
  });

  it('tells a write WHM never received (FAILED) from one it may have acted on (UNKNOWN)', async () => {
    gateway.simulator.setFault('restore_queue_activate', { kind: 'status', status: 503, times: 1 });
    await gateway.query('mutation { activateRestoreQueue { userErrors { code } } }');
    expect((await gateway.query<WriteData>(WRITES)).data?.whmWrites[0]).toMatchObject({
      outcome: 'UNKNOWN',
      mayHaveDone: expect.any(String),
    });
  });
});

describe('idempotency keys', () => {
  const withKey = (key: string) => ({ 'idempotency-key': key });

  it('returns the first answer for a repeat, without calling WHM again', async () => {
    const key = `create-${Date.now()}`;
    const first = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
      CREATE_DEMO,
      {},
      withKey(key),
    );
    const again = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
      CREATE_DEMO,
      {},
      withKey(key),
    );
    expect(again.data).toEqual(first.data);
    expect(gateway.simulator.stats().calls.create_remote_root_transfer_session).toBe(1);
  });

  it('refuses the same key for a different input, and leaves queries alone', async () => {
    const key = `reuse-${Date.now()}`;
    await gateway.query(CREATE_DEMO, {}, withKey(key));
    const other = await gateway.query(CREATE_DEMO.replace('source.example.net', 'other.example.net'), {}, withKey(key));
    expect(other.status).toBe(422);
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const query = await gateway.query('{ servers { name } }', {}, withKey(key));
    expect(query.errors).toBeUndefined();
  });

  it('answers IN_USE while the first request with the key is still running', async () => {
    gateway.simulator.setFault('restore_queue_activate', { kind: 'latency', ms: 1_000 });
    const key = `slow-${Date.now()}`;
    const mutation = 'mutation { activateRestoreQueue { userErrors { code } } }';
    const first = gateway.query(mutation, {}, withKey(key));
    await eventually(
      async () =>
        gateway.simulator.requests.some((request) => request.functionName === 'restore_queue_activate') ? true : undefined,
      5_000,
      10,
    );
    const second = await gateway.query(mutation, {}, withKey(key));
    expect(second.status).toBe(409);
    expect(second.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect((await first).errors).toBeUndefined();
  });
});

describe('a gateway killed between WHM and the registry', () => {
  let simulator: RunningSimulator;
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-durability-'));
  beforeAll(async () => {
    simulator = await startSimulator({ speedFactor: 1000 });
  });
  afterAll(async () => {
    await simulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startMain(): { child: ChildProcess; url: Promise<string> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        GATEWAY_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        WHM_URL: simulator.url,
        WHM_TOKEN: SIMULATOR_ROOT_TOKEN,
        WHM_CONFIG: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready within 60 s:\n${output}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready: open (http:\/\/\S+\/graphql)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    return { child, url };
  }
  const post = async (url: string, query: string) =>
    (
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
    ).json() as Promise<{
      data?: WriteData;
    }>;

  it('shows the create WHM may have carried out after kill -9 and a restart', async () => {
    simulator.setFault('create_remote_root_transfer_session', { kind: 'hang' });
    const first = startMain();
    const url = await first.url;
    void fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CREATE_DEMO }),
    }).catch(() => undefined);
    await eventually(
      async () =>
        simulator.requests.some((request) => request.functionName === 'create_remote_root_transfer_session') ? true : undefined,
      10_000,
      20,
    );
    const killed = new Promise((resolve) => first.child.on('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;

    simulator.setFault('*', null);
    const second = startMain();
    try {
      const answer = await post(await second.url, '{ whmWrites(unresolved: true) { whmFunction outcome mayHaveDone params } }');
      const [write] = answer.data?.whmWrites ?? [];
      expect(write).toMatchObject({
        whmFunction: 'create_remote_root_transfer_session',
        outcome: null,
        params: { host: 'source.example.net' },
      });
      expect(write?.mayHaveDone).toMatch(/may have created a transfer session for host source\.example\.net at \d{4}-/);
    } finally {
      second.child.kill('SIGTERM');
    }
  }, 120_000);
});
