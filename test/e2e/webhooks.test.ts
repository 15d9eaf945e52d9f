// Webhooks end to end: a gateway watching its sessions (nobody subscribed) delivers signed events to a
// local receiver, in order per session, retrying after a 500 with the same event id; events written
// while the receiver is down are delivered by the next gateway after a restart; no secret in the logs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { MemoryLeaseStore, MemoryLiveBus } from '../../src/live/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  accepted,
  DELIVERIES,
  deliveries,
  expectNoSecretsIn,
  startReceiver,
  webhookSettings,
  type DeliveryNode,
  type Receiver,
} from '../helpers/webhook-receiver.js';
import { eventually } from '../helpers/whm.js';
import { queuedSession, startSession } from '../live/helpers.js';

describe('webhooks from a gateway nobody is subscribed to', () => {
  let receiver: Receiver;
  let gateway: TestGateway;

  beforeAll(async () => {
    receiver = await startReceiver();
    gateway = await startTestGateway({
      simulator: { speedFactor: 20 },
      gateway: { pollIntervalMs: 50, webhooks: webhookSettings(receiver.url) },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await receiver?.close();
  });

  it('delivers signed events in order per session, and retries a 500 with the same event', async () => {
    // The receiver answers 500 until the whole session is in the outbox: the first event waits for
    // its retries, and everything behind it waits untried.
    let refusing = true;
    receiver.respond = () => (refusing ? 500 : 204);
    const id = await queuedSession(gateway, [
      { user: 'quotafull', localUser: 'quotafullhook' },
      { user: 'meadow', localUser: 'meadowhook' },
    ]);
    await startSession(gateway, id);
    const waiting = await eventually(
      async () => {
        const rows = await deliveries(gateway, id);
        return rows.at(-1)?.eventType === 'session.finished' && rows[0]!.attempts >= 2 ? rows : undefined;
      },
      60_000,
      100,
    );
    expect(waiting[0]).toMatchObject({ status: 'RETRYING', lastError: 'HTTP 500' });
    expect(waiting[0]?.nextAttemptAt).not.toBeNull();
    expect(waiting.slice(1).map((row) => [row.status, row.attempts])).toEqual(waiting.slice(1).map(() => ['PENDING', 0]));
    refusing = false;
    const events = await eventually(
      async () => {
        const events = accepted(receiver, id);
        return events.at(-1)?.type === 'session.finished' ? events : undefined;
      },
      30_000,
      50,
    );

    // Every request signed with the target's secret, and named by its event id.
    const requests = receiver.received.filter((entry) => entry.event.sessionId === id);
    expect(requests.every((entry) => entry.verified && entry.webhookId === entry.event.id)).toBe(true);
    // Only the first event was refused, again and again, always with the same id and body, then accepted.
    const refused = requests.filter((entry) => entry.status === 500);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refused.map((entry) => entry.body))).toEqual(new Set([JSON.stringify(waiting[0]?.payload)]));
    expect(events[0]?.id).toBe(waiting[0]?.eventId);

    // In order: as the outbox wrote them, each once; the states chain; failures before the end.
    const outbox = await deliveries(gateway, id);
    expect(events.map((event) => event.id)).toEqual(outbox.map((row) => row.eventId));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const changes = events.filter((event) => event.type === 'session.state_changed').map((event) => event.data);
    changes.forEach((change, index) => expect(change.previousState).toBe(index === 0 ? null : changes[index - 1]?.state));
    expect(changes.at(-1)).toMatchObject({ state: 'COMPLETED', kind: 'ROOT' });
    const failure = events.find((event) => event.type === 'item.failed');
    expect(failure).toMatchObject({ server: 'sim', sessionId: id, data: { item: 'quotafull', itemType: 'AccountRemoteRoot' } });
    expect(events.at(-1)).toMatchObject({
      type: 'session.finished',
      data: { state: 'COMPLETED', items: { total: 2, failed: 1 } },
    });
    expect(events.some((event) => event.type === 'restore.finished')).toBe(false);

    expect(outbox[0]).toMatchObject({ status: 'DELIVERED', attempts: refused.length + 1, lastError: null, nextAttemptAt: null });
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
    const toRestores = await eventually(
      async () => {
        const events = accepted(receiver, id!, '/restores');
        return events.length > 0 ? events : undefined;
      },
      60_000,
      100,
    );
    expect(toRestores).toEqual([
      expect.objectContaining({ type: 'restore.finished', data: expect.objectContaining({ kind: 'RESTORE' }) }),
    ]);
    const toOps = await eventually(
      async () => {
        const events = accepted(receiver, id!);
        return events.at(-1)?.type === 'restore.finished' ? events : undefined;
      },
      10_000,
      50,
    );
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
      const allowed = await guarded.query<{ webhookDeliveries: { nodes: DeliveryNode[] } }>(
        DELIVERIES,
        {},
        { 'x-api-key': keys.admin },
      );
      expect(allowed.data?.webhookDeliveries.nodes.length).toBeGreaterThan(0);
      const badCursor = await guarded.query(
        '{ webhookDeliveries(after: "nope") { nodes { id } } }',
        {},
        { 'x-api-key': keys.admin },
      );
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
      const waiting = await eventually(
        async () => {
          const rows = await deliveries(first, id);
          return rows.at(-1)?.eventType === 'session.finished' && rows[0]!.attempts > 0 ? rows : undefined;
        },
        60_000,
        100,
      );
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
      const events = await eventually(
        async () => {
          const events = accepted(receiver!, id);
          return events.length >= waiting.length ? events : undefined;
        },
        30_000,
        50,
      );
      // Every event written before the restart, once each, in the outbox's order, with the ids it had.
      expect(events.map((event) => event.id)).toEqual(waiting.map((row) => row.eventId));
      expect(events.map((event) => event.id)).toEqual(waiting.map((row) => row.payload.id));
      expect(receiver.received.every((entry) => entry.verified)).toBe(true);
      await eventually(
        async () => ((await deliveries(second!, id)).every((row) => row.status === 'DELIVERED') ? true : undefined),
        10_000,
        50,
      );
      expectNoSecretsIn([...logLines, ...second.logLines], receiver);
    } finally {
      if (firstOpen) await first.close();
      await second?.close();
      await receiver?.close();
      await simulator.close();
    }
  }, 120_000);
});

describe('webhooks from two replicas', () => {
  it('writes and delivers each event once, whichever replica polls and delivers', async () => {
    const receiver = await startReceiver();
    const live = { bus: new MemoryLiveBus(), leases: new MemoryLeaseStore(), minLeaseTtlMs: 300 };
    const options = { pollIntervalMs: 50, live, webhooks: webhookSettings(receiver.url) };
    const first = await startTestGateway({ simulator: { speedFactor: 20 }, gateway: options });
    const second = await startTestGateway({ sharedSimulator: first.simulator, sharedRegistry: first.registry, gateway: options });
    try {
      const id = await queuedSession(first, [{ user: 'harbor', localUser: 'harborhook' }]);
      await startSession(second, id);
      const events = await eventually(
        async () => {
          const events = accepted(receiver, id);
          return events.at(-1)?.type === 'session.finished' ? events : undefined;
        },
        60_000,
        100,
      );
      // Both replicas watched the session (and saw its first look); one outbox row per event, each sent once.
      const ids = events.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual((await deliveries(first, id)).map((row) => row.eventId));
      expect(receiver.received.filter((entry) => entry.event.sessionId === id)).toHaveLength(ids.length);
      expect(events.filter((event) => event.type === 'session.finished')).toHaveLength(1);
    } finally {
      await second.close();
      await first.close();
      await Promise.all([live.bus.close(), live.leases.close()]);
      await receiver.close();
    }
  }, 90_000);
});
