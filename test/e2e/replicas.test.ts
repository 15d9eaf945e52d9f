// Two gateway processes (the real entry point) against one PostgreSQL, one Redis and the simulator:
// shared sessions, one poller for 20 subscribers spread over both, a kill -9 of the polling replica
// handed over with no gap or duplicate in the event stream, and a caller's rate limit spent across both.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { type LiveSubscription, subscribe, wsClient } from '../live/helpers.js';
import { createTestSchema, TEST_DATABASE_URL } from '../helpers/postgres.js';
import { rawRequest } from '../helpers/raw-http.js';
import { databaseReachableForTests, randomRedisPrefix, redisReachableForTests, redisUrlForTests } from '../helpers/services.js';
import { SIMULATOR_ROOT_TOKEN, eventually } from '../helpers/whm.js';

const servicesUp = (await redisReachableForTests()) && (await databaseReachableForTests());
const POLL_INTERVAL_MS = 300;
/** Lease of a poll: 3 intervals, at least 5 s (src/live); a hand-over must come within 2 of them. */
const LEASE_MS = 5_000;
const EVENTS = 'subscription($id: ID!) { transferSessionEvents(id: $id) { cursor action } }';

interface Replica {
  child: ChildProcess;
  url: string;
  /** Its name in the poll leases (logged at start). */
  owner: string;
}

describe.skipIf(!servicesUp)('two gateway processes on PostgreSQL and Redis', () => {
  let simulator: RunningSimulator;
  let dropSchema: () => Promise<void>;
  let databaseUrl: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-replicas-'));
  const replicas: Replica[] = [];
  const prefix = randomRedisPrefix('replicas-e2e');

  function startReplica(name: string): Promise<Replica> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        // info: the start line names this replica's lease owner.
        LOG_LEVEL: 'info',
        WHM_URL: simulator.url,
        WHM_TOKEN: SIMULATOR_ROOT_TOKEN,
        WHM_CONFIG: '',
        GATEWAY_DATA_DIR: join(dataDir, name),
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrlForTests(),
        GATEWAY_REDIS_PREFIX: prefix,
        GATEWAY_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
        GATEWAY_RATE_LIMIT_PER_IP: '30',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let started = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      if (!started) output += chunk.toString();
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} not ready within 60 s:\n${output}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        // Once only: the output read so far still matches at every later chunk, and a replica listed
        // twice would put both "replicas" of a test on the same process.
        if (started) return;
        output += chunk.toString();
        const match = /ready: open (http:\/\/\S+\/graphql)/.exec(output);
        const owner = /"liveOwner":"([^"]+)"/.exec(output);
        if (match?.[1] && owner?.[1]) {
          started = true;
          clearTimeout(timer);
          const replica = { child, url: match[1], owner: owner[1] };
          replicas.push(replica);
          resolve(replica);
        }
      });
    });
  }

  async function query<D>(replica: Replica, text: string, variables: Record<string, unknown> = {}): Promise<D> {
    const response = await fetch(replica.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = (await response.json()) as { data?: D; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as D;
  }

  /** WHM requests naming the session (polls read its state and master.log). */
  const pollsOf = (id: string) =>
    simulator.requests.filter((request) => decodeURIComponent(`${request.url} ${request.body}`).includes(id)).length;

  beforeAll(async () => {
    simulator = await startSimulator({ speedFactor: 4 });
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema.schema}`);
    databaseUrl = url.toString();
    await startReplica('a');
    await startReplica('b');
  }, 120_000);

  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await simulator?.close();
    await dropSchema?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shares sessions, one poller for 20 subscribers, and hands the poller over after kill -9', async () => {
    const [a, b] = replicas as [Replica, Replica];
    expect(b.child.pid).not.toBe(a.child.pid);
    const created = await query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
      a,
      'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }',
    );
    const id = created.createRemoteRootTransferSession.session.id;
    const listedOnB = await query<{ transferSessions: { nodes: { id: string }[] } }>(b, '{ transferSessions { nodes { id } } }');
    expect(listedOnB.transferSessions.nodes.map((node) => node.id)).toContain(id);
    const users = ['meadow', 'cloudly', 'sunrise', 'northwind', 'oddphp', 'mixedssl'];
    await query(
      a,
      'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { userErrors { code } } }',
      {
        id,
        items: users.map((user) => ({ accountRemoteRoot: { user, options: { localUser: `${user.slice(0, 5)}r2` } } })),
      },
    );
    await query(a, 'mutation($id: ID!) { startTransferSession(id: $id) { userErrors { code } } }', { id });

    // A's subscribers come first, so A polls; then B's.
    const clients = [...Array.from({ length: 10 }, () => wsClient(a.url)), ...Array.from({ length: 10 }, () => wsClient(b.url))];
    const streams: LiveSubscription<{ cursor: string; action: string }>[] = [];
    for (const [index, client] of clients.entries()) {
      streams.push(subscribe(client, EVENTS, { id }, 'transferSessionEvents'));
      if (index === 9) await streams[0]?.until((values) => values.length > 0, 20_000);
    }
    await Promise.all(streams.map((stream) => stream.until((values) => values.length > 0, 20_000)));

    // 20 subscribers on two replicas: the WHM requests of one poller.
    const before = pollsOf(id);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const polls = pollsOf(id) - before;
    console.info(
      `20 subscribers over 2 replicas: ${polls} WHM requests naming the session in 3 s (one poller every ${POLL_INTERVAL_MS} ms)`,
    );
    expect(polls).toBeLessThanOrEqual(Math.ceil(3_000 / POLL_INTERVAL_MS) * 2 + 2);

    // kill -9 of the polling replica (the lease names it): the other takes the lease over and its streams go on.
    const servers = await query<{ servers: { name: string }[] }>(a, '{ servers { name } }');
    const leaseKey = `${prefix}lease:poll:${servers.servers[0]?.name}:${id}`;
    const observer = new Redis(redisUrlForTests());
    const holder = await observer.get(leaseKey);
    const polling = replicas.find((replica) => replica.owner === holder);
    const survivor = polling === a ? b : a;
    if (!polling) await observer.quit();
    if (!polling) throw new Error(`lease ${leaseKey} held by ${holder}, not by a replica of this test`);
    const onSurvivor = polling === a ? streams.slice(10) : streams.slice(0, 10);
    const seenBeforeKill = onSurvivor[0]?.values.length ?? 0;
    const state = await query<{ transferSession: { state: string } }>(
      survivor,
      'query($id: ID!) { transferSession(id: $id) { state } }',
      { id },
    );
    expect(state.transferSession.state).toBe('RUNNING');
    const killedAt = Date.now();
    polling.child.kill('SIGKILL');
    try {
      await eventually(async () => ((await observer.get(leaseKey)) === survivor.owner ? true : undefined), 5 * LEASE_MS, 50);
    } finally {
      await observer.quit();
    }
    const resumedBefore = pollsOf(id);
    await eventually(async () => (pollsOf(id) > resumedBefore ? true : undefined), 5 * LEASE_MS, 50);
    const handOverMs = Date.now() - killedAt;
    console.info(`lease hand-over after kill -9 of the polling replica: ${handOverMs} ms (lease ${LEASE_MS} ms)`);
    // Two lease periods, and a little for a busy machine to get the new poller's request out.
    expect(handOverMs).toBeLessThanOrEqual(2 * LEASE_MS + 3_000);
    await onSurvivor[0]?.until((values) => values.length > seenBeforeKill, 30_000);

    // Every stream on the survivor holds the log's events in order, each once, with no gap.
    const logged = await query<{ transferSession: { events: { cursor: string }[] } }>(
      survivor,
      'query($id: ID!) { transferSession(id: $id) { events { cursor } } }',
      { id },
    );
    const cursors = logged.transferSession.events.map((event) => event.cursor);
    for (const stream of onSurvivor) {
      const received = stream.values.map((event) => event.cursor);
      expect(new Set(received).size).toBe(received.length);
      expect(received).toEqual(cursors.slice(0, received.length));
    }
    for (const stream of streams) stream.stop();
    for (const client of clients) void client.dispose();
  }, 120_000);

  it("spends one caller's rate limit across both replicas", async () => {
    const live = replicas.filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null);
    const [first] = live;
    if (!first) throw new Error('no replica running');
    const second = live[1] ?? (await startReplica('c'));
    const statuses: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      for (const replica of [first, second]) {
        const response = await rawRequest(replica.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ servers { name } }' }),
          localAddress: '127.0.0.77',
        });
        statuses.push(response.status);
      }
    }
    // 40 requests against a budget of 30 a minute: each replica alone would have let all 20 through.
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  }, 120_000);
});
