// The whole workflow with distinctive secrets: none of them may appear in logs, responses, the
// registry's files, /metrics, or any URL WHM received.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type RunningSimulator } from '../../src/simulator/index.js';
import { filesUnder } from '../helpers/files.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';

const REMOTE_PASSWORD = 'Zq9-remote-root-PASSWORD-distinctive-7731';
const KEY_PASSPHRASE = 'Zq9-ssh-key-PASSPHRASE-distinctive-4419';
const WRONG_PASSWORD = 'Zq9-mistyped-PASSWORD-distinctive-0042';
const WHM_TOKEN = 'ZQ9WHMTOKENDISTINCTIVE55108';
const SECRETS = [REMOTE_PASSWORD, KEY_PASSPHRASE, WRONG_PASSWORD, WHM_TOKEN];

const dataDir = mkdtempSync(join(tmpdir(), 'gateway-secrets-'));
let simulator: RunningSimulator;
let gateway: TestGateway;
const bodies: string[] = [];

beforeAll(async () => {
  const remoteHosts = demo.demoRemoteHosts();
  const source = remoteHosts['source.example.net'];
  if (!source) throw new Error('demo data has source.example.net');
  source.rootPassword = REMOTE_PASSWORD;
  source.sshKeys = [{ name: 'id_transfer', passphrase: KEY_PASSPHRASE }];
  // A real data directory: the test reads the registry's files for secrets.
  gateway = await startTestGateway({
    simulator: { remoteHosts, auth: { tokens: { root: WHM_TOKEN }, passwords: {} } },
    registryDir: dataDir,
    whmToken: WHM_TOKEN,
  });
  simulator = gateway.simulator;
});
afterAll(async () => {
  await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<D>(query: string, variables: Record<string, unknown> = {}): Promise<D | undefined> {
  const response = await gateway.query<D>(query, variables);
  bodies.push(JSON.stringify(response));
  return response.data ?? undefined;
}

describe('secrets', () => {
  it('appear nowhere after the whole workflow', async () => {
    const create = `mutation($input: CreateRemoteRootTransferSessionInput!) { createRemoteRootTransferSession(input: $input) { session { id } userErrors { message code } output warnings } }`;
    type Created = { createRemoteRootTransferSession: { session: { id: string } | null } };
    const byPassword = await call<Created>(create, {
      input: { host: 'source.example.net', credentials: { password: REMOTE_PASSWORD } },
    });
    const byKey = await call<Created>(create, {
      input: { host: 'source.example.net', credentials: { sshKeyName: 'id_transfer', sshKeyPassphrase: KEY_PASSPHRASE } },
    });
    await call(create, { input: { host: 'source.example.net', credentials: { password: WRONG_PASSWORD } } });
    await call(
      `mutation { createRemoteUserTransferSession(input: { host: "source.example.net", password: "${WRONG_PASSWORD}" }) { userErrors { message } } }`,
    );
    const id = byPassword?.createRemoteRootTransferSession.session?.id ?? '';
    expect(id).not.toBe('');
    expect(byKey?.createRemoteRootTransferSession.session?.id).toBeTruthy();

    await call(`query($id: ID!) { transferSession(id: $id) { analysis { accounts { user localUser { exists } } } } }`, { id });
    await call(
      `mutation($id: ID!) { enqueueTransferItems(sessionId: $id, items: [{ accountRemoteRoot: { user: "meadow" } }, { accountRemoteRoot: { user: "quotafull" } }]) { userErrors { message } } }`,
      { id },
    );
    await call(`mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }`, { id });
    await eventually(async () => {
      const data = await call<{ transferSession: { state: string } }>('query($id: ID!) { transferSession(id: $id) { state } }', {
        id,
      });
      return data?.transferSession.state === 'COMPLETED' ? true : undefined;
    }, 20_000);
    await call(
      `query($id: ID!) { transferSession(id: $id) { items { name state failure } progress { percent } events { action message } log { text } errorLog { text } } }`,
      { id },
    );
    await call(`mutation($id: ID!) { abortTransferSession(id: $id) { userErrors { message } } }`, {
      id: byKey?.createRemoteRootTransferSession.session?.id,
    });
    await call('{ transferSessions { nodes { id remoteHost createdBy items { name } } } }');
    await call('{ restoreQueue { isActive } backupDates { date } }');

    const metrics = await (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
    const everything = {
      logs: gateway.logLines.join('\n'),
      responses: bodies.join('\n'),
      metrics,
      whmUrls: simulator.requests.map((request) => request.url).join('\n'),
    };
    expect(everything.logs.length).toBeGreaterThan(0);
    expect(metrics).toMatch(/whm_requests_total/);
    for (const [where, text] of Object.entries(everything)) {
      for (const secret of SECRETS) expect(text.includes(secret), `${secret} found in ${where}`).toBe(false);
    }
    const registryFiles = filesUnder(dataDir);
    expect(registryFiles.length).toBeGreaterThan(0);
    for (const file of registryFiles) {
      const content = readFileSync(file);
      for (const secret of SECRETS) expect(content.includes(secret), `${secret} found in ${file}`).toBe(false);
    }
    // The secrets did reach WHM — in request bodies, where they belong.
    expect(simulator.requests.some((request) => request.body.includes(encodeURIComponent(REMOTE_PASSWORD)))).toBe(true);
  });
});
