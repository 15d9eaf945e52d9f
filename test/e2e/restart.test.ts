// Nothing is lost on restart: the registry lives in a data directory, and never holds a secret.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files.js';
import { startTestGateway } from '../helpers/gateway.js';
import { startTestSimulator } from '../helpers/whm.js';

const PASSWORD = 'remote-root-password';
const dataDir = mkdtempSync(join(tmpdir(), 'gateway-registry-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('registry across a restart', () => {
  it('lists the same sessions, with their items, after the gateway restarts', async () => {
    const simulator = await startTestSimulator();
    const first = await startTestGateway({ sharedSimulator: simulator, registryDir: dataDir });
    const created = await first.query<{ createRemoteRootTransferSession: { session: { id: string; createdAt: string } } }>(
      `mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "${PASSWORD}" } }) { session { id createdAt } } }`,
    );
    const session = created.data?.createRemoteRootTransferSession.session;
    await first.query(
      'mutation($id: ID!) { enqueueTransferItems(sessionId: $id, items: [{ accountRemoteRoot: { user: "meadow" } }]) { userErrors { message } } }',
      {
        id: session?.id,
      },
    );
    await first.close();

    const second = await startTestGateway({ sharedSimulator: simulator, registryDir: dataDir });
    const listed = await second.query<{
      transferSessions: {
        totalCount: number;
        nodes: { id: string; kind: string; remoteHost: string; createdAt: string; items: { name: string }[] }[];
      };
    }>('{ transferSessions { totalCount nodes { id kind remoteHost createdAt items { name } } } }');
    await second.close();
    await simulator.close();

    expect(listed.data?.transferSessions.totalCount).toBe(1);
    expect(listed.data?.transferSessions.nodes[0]).toEqual({
      id: session?.id,
      kind: 'ROOT',
      remoteHost: 'source.example.net',
      createdAt: session?.createdAt,
      items: [{ name: 'meadow' }],
    });
    for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(PASSWORD)).toBe(false);
  });
});
