// Webhooks end to end: a gateway watching its sessions (nobody subscribed) delivers signed events to a
// local receiver, in order per session, retrying after a 500 with the same event id; events written
// while the receiver is down are delivered by the next gateway after a restart; no secret in the logs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { startSimulator } from '../../src/simulator/index.js';
import { verifyWebhookSignature, WEBHOOK_EVENT_TYPES, type WebhookEvent, type WebhookSettings } from '../../src/webhooks/index.js';
import { Secret } from '../../src/whm/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';
import { queuedSession, startSession } from '../live/helpers.js';

const SECRETS: Record<string, string> = {
  '/ops': 'ops-webhook-secret-7f3a9c1e5b2d8f4a6c0e',
  '/restores': 'restore-webhook-secret-2b8e4f6a1c3d5e7f9a0b',
};

interface Received {
  path: string;
  body: string;
  event: WebhookEvent;
  signature: string;
  webhookId: string;
  verified: boolean;
  status: number;
}

interface Receiver {
  received: Received[];
  port: number;
  url: string;
  /** The status answered to each request (default 204). */
  respond: (event: WebhookEvent, path: string) => number;
  close(): Promise<void>;
}

async function startReceiver(port = 0): Promise<Receiver> {
  const receiver = { received: [] as Received[], respond: () => 204 } as unknown as Receiver;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as WebhookEvent;
      const signature = String(request.headers['webhook-signature']);
      const status = receiver.respond(event, path);
      const verified = verifyWebhookSignature(SECRETS[path] ?? 'unknown', body, signature);
      receiver.received.push({ path, body, event, signature, webhookId: String(request.headers['webhook-id']), verified, status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end('thank you');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

function webhookSettings(url: string): WebhookSettings {
  return {
    targets: [
      { name: 'ops', url: `${url}/ops`, events: [...WEBHOOK_EVENT_TYPES], servers: null, secret: new Secret(SECRETS['/ops']!), timeoutMs: 2_000 },
      { name: 'restores', url: `${url}/restores`, events: ['restore.finished'], servers: ['sim'], secret: new Secret(SECRETS['/restores']!), timeoutMs: 2_000 },
    ],
    retry: { baseDelayMs: 50, maxDelayMs: 200, giveUpAfterMs: 10 * 60_000 },
    dispatchIntervalMs: 50,
    watchRefreshMs: 100,
  };
}

interface DeliveryNode {
  id: string;
  eventId: string;
  eventType: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  payload: WebhookEvent;
}

const DELIVERIES = `query($filter: WebhookDeliveryFilter) {
  webhookDeliveries(filter: $filter, first: 100) {
    nodes { id eventId eventType target status attempts lastError nextAttemptAt payload }
  }
}`;

/** A session's deliveries to one target, oldest first. */
async function deliveries(gateway: TestGateway, sessionId: string, target = 'ops', headers?: Record<string, string>): Promise<DeliveryNode[]> {
  const response = await gateway.query<{ webhookDeliveries: { nodes: DeliveryNode[] } }>(DELIVERIES, { filter: { sessionId, target } }, headers);
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return [...response.data.webhookDeliveries.nodes].reverse();
}

/** The events of a session a receiver accepted (2xx), in the order it accepted them. */
const accepted = (receiver: Receiver, sessionId: string, path = '/ops'): WebhookEvent[] =>
  receiver.received.filter((entry) => entry.path === path && entry.status < 300 && entry.event.sessionId === sessionId).map((entry) => entry.event);

/** Nothing secret in the gateway's log: neither a target's secret nor any signature it sent. */
function expectNoSecretsIn(lines: readonly string[], receiver: Receiver): void {
  const log = lines.join('\n');
  for (const secret of Object.values(SECRETS)) expect(log).not.toContain(secret);
  const signatures = receiver.received.map((entry) => /v1=([0-9a-f]+)/.exec(entry.signature)?.[1] ?? 'missing');
  expect(signatures.length).toBeGreaterThan(0);
  for (const signature of signatures) expect(log).not.toContain(signature);
}

describe('webhooks from a gateway nobody is subscribed to', () => {
  let receiver: Receiver;
  let gateway: TestGateway;

  beforeAll(async () => {
    receiver = await startReceiver();
    gateway = await startTestGateway({ simulator: { speedFactor: 20 }, gateway: { pollIntervalMs: 50, webhooks: webhookSettings(receiver.url) } });
  });
  afterAll(async () => {
    await gateway?.close();
    await receiver?.close();
  });

  it('delivers signed events in order per session, and retries a 500 with the same event', async () => {
    let failed: string | null = null;
    receiver.respond = (event) => {
      if (failed === null && event.type === 'session.state_changed') {
        failed = event.id;
        return 500;
      }
      return 204;
    };
    const id = await queuedSession(gateway, [
      { user: 'quotafull', localUser: 'quotafullhook' },
      { user: 'meadow', localUser: 'meadowhook' },
    ]);
    await startSession(gateway, id);
    const events = await eventually(async () => {
      const events = accepted(receiver, id);
      return events.at(-1)?.type === 'session.finished' ? events : undefined;
    }, 60_000, 100);

    // Every request signed with the target's secret, and named by its event id.
    const requests = receiver.received.filter((entry) => entry.event.sessionId === id);
    expect(requests.every((entry) => entry.verified && entry.webhookId === entry.event.id)).toBe(true);
    // The 500 was retried with the same event id and the same body, and accepted then.
    const refused = requests.find((entry) => entry.status === 500);
    expect(refused?.event.id).toBe(failed);
    expect(requests.filter((entry) => entry.event.id === failed && entry.status === 204).map((entry) => entry.body)).toEqual([refused?.body]);

    // In order: as the outbox wrote them, each once; the states chain; failures before the end.
    const outbox = await deliveries(gateway, id);
    expect(events.map((event) => event.id)).toEqual(outbox.map((row) => row.eventId));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const changes = events.filter((event) => event.type === 'session.state_changed').map((event) => event.data);
    changes.forEach((change, index) => expect(change.previousState).toBe(index === 0 ? null : changes[index - 1]?.state));
    expect(changes.at(-1)).toMatchObject({ state: 'COMPLETED', kind: 'ROOT' });
    const failure = events.find((event) => event.type === 'item.failed');
    expect(failure).toMatchObject({ server: 'sim', sessionId: id, data: { item: 'quotafull', itemType: 'AccountRemoteRoot' } });
    expect(events.at(-1)).toMatchObject({ type: 'session.finished', data: { state: 'COMPLETED', items: { total: 2, failed: 1 } } });
    expect(events.some((event) => event.type === 'restore.finished')).toBe(false);

    const retried = outbox.find((row) => row.eventId === failed);
    expect(retried).toMatchObject({ status: 'DELIVERED', attempts: 2, lastError: null, nextAttemptAt: null });
    expect(outbox.every((row) => row.status === 'DELIVERED')).toBe(true);
    expectNoSecretsIn(gateway.logLines, receiver);
  }, 90_000);

  it('tells restore.finished to the targets that want it, and only that', async () => {
    receiver.respond = () => 204;
    const restored = await gateway.query<{ restoreAccount: { session: { id: string } | null } }>(
      'mutation { restoreAccount(input: { user: "northwind", type: DAILY, mail: true }) { session { id } } }',
    );
    const id = restored.data?.restoreAccount.session?.id;
    expect(id).toBeTruthy();
    const toRestores = await eventually(async () => {
      const events = accepted(receiver, id!, '/restores');
      return events.length > 0 ? events : undefined;
    }, 60_000, 100);
    expect(toRestores).toEqual([expect.objectContaining({ type: 'restore.finished', data: expect.objectContaining({ kind: 'RESTORE' }) })]);
    const toOps = await eventually(async () => {
      const events = accepted(receiver, id!);
      return events.at(-1)?.type === 'restore.finished' ? events : undefined;
    }, 10_000, 50);
    // The same event (same id) for both targets.
    expect(toOps.at(-1)?.id).toBe(toRestores[0]?.id);
    expect(toOps.at(-2)?.type).toBe('session.finished');
    expectNoSecretsIn(gateway.logLines, receiver);
  }, 90_000);

  it('lists deliveries to admins only', async () => {
    const keys = { operator: 'operator-key-webhooks-0123456789', admin: 'admin-key-webhooks-0123456789' };
    const guarded = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      gateway: {
        auth: {
          mode: 'required',
          settings: {
            apiKeys: [
              { name: 'ops', role: 'operator', keyHash: hashApiKey(keys.operator) },
              { name: 'root', role: 'admin', keyHash: hashApiKey(keys.admin) },
            ],
            jwt: null,
          },
        },
      },
    });
    try {
      const refused = await guarded.query(DELIVERIES, {}, { 'x-api-key': keys.operator });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const allowed = await guarded.query<{ webhookDeliveries: { nodes: DeliveryNode[] } }>(DELIVERIES, {}, { 'x-api-key': keys.admin });
      expect(allowed.data?.webhookDeliveries.nodes.length).toBeGreaterThan(0);
      const badCursor = await guarded.query('{ webhookDeliveries(after: "nope") { nodes { id } } }', {}, { 'x-api-key': keys.admin });
      expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await guarded.close();
    }
  });
});

describe('webhooks across a gateway restart', () => {
  it('delivers, after a restart, what was written while the receiver was down', async () => {
    const simulator = await startSimulator({ speedFactor: 20 });
    const dataDir = mkdtempSync(join(tmpdir(), 'gateway-webhooks-'));
    // A port with nobody listening: every attempt is refused.
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    let receiver: Receiver | null = null;
    let second: TestGateway | null = null;
    const first = await startTestGateway({
      sharedSimulator: simulator,
      registryDir: dataDir,
      gateway: { pollIntervalMs: 50, webhooks: webhookSettings(`http://127.0.0.1:${port}`) },
    });
    let firstOpen = true;
    try {
      const id = await queuedSession(first, [{ user: 'sunrise', localUser: 'sunrisehook' }]);
      await startSession(first, id);
      const waiting = await eventually(async () => {
        const rows = await deliveries(first, id);
        return rows.at(-1)?.eventType === 'session.finished' && rows[0]!.attempts > 0 ? rows : undefined;
      }, 60_000, 100);
      expect(waiting[0]).toMatchObject({ status: 'RETRYING', lastError: expect.stringMatching(/could not connect or send/) });
      expect(waiting[0]?.nextAttemptAt).not.toBeNull();
      expect(waiting.every((row) => row.status !== 'DELIVERED')).toBe(true);
      const logLines = first.logLines;
      firstOpen = false;
      await first.close();

      receiver = await startReceiver(port);
      second = await startTestGateway({
        sharedSimulator: simulator,
        registryDir: dataDir,
        gateway: { pollIntervalMs: 50, webhooks: webhookSettings(receiver.url) },
      });
      const events = await eventually(async () => {
        const events = accepted(receiver!, id);
        return events.length >= waiting.length ? events : undefined;
      }, 30_000, 50);
      // Every event written before the restart, once each, in the outbox's order, with the ids it had.
      expect(events.map((event) => event.id)).toEqual(waiting.map((row) => row.eventId));
      expect(events.map((event) => event.id)).toEqual(waiting.map((row) => row.payload.id));
      expect(receiver.received.every((entry) => entry.verified)).toBe(true);
      await eventually(async () => ((await deliveries(second!, id)).every((row) => row.status === 'DELIVERED') ? true : undefined), 10_000, 50);
      expectNoSecretsIn([...logLines, ...second.logLines], receiver);
    } finally {
      if (firstOpen) await first.close();
      await second?.close();
      await receiver?.close();
      await simulator.close();
    }
  }, 120_000);
});
