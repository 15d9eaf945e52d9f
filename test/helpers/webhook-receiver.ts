// A local webhook receiver (node http on 127.0.0.1) that checks signatures, and helpers to read a
// gateway's webhook deliveries, for the webhook end-to-end tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import {
  verifyWebhookSignature,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookSettings,
} from '../../src/webhooks/index.js';
import { Secret } from '../../src/whm/index.js';
import type { TestGateway } from './gateway.js';

export const SECRETS: Record<string, string> = {
  '/ops': 'ops-webhook-secret-7f3a9c1e5b2d8f4a6c0e',
  '/restores': 'restore-webhook-secret-2b8e4f6a1c3d5e7f9a0b',
};

export interface Received {
  path: string;
  body: string;
  event: WebhookEvent;
  signature: string;
  webhookId: string;
  verified: boolean;
  status: number;
}

export interface Receiver {
  received: Received[];
  port: number;
  url: string;
  /** The status answered to each request (default 204). */
  respond: (event: WebhookEvent, path: string) => number;
  close(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
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
      receiver.received.push({
        path,
        body,
        event,
        signature,
        webhookId: String(request.headers['webhook-id']),
        verified,
        status,
      });
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

export function webhookSettings(url: string): WebhookSettings {
  return {
    targets: [
      {
        name: 'ops',
        url: `${url}/ops`,
        events: [...WEBHOOK_EVENT_TYPES],
        servers: null,
        secret: new Secret(SECRETS['/ops']!),
        timeoutMs: 2_000,
      },
      {
        name: 'restores',
        url: `${url}/restores`,
        events: ['restore.finished'],
        servers: ['sim'],
        secret: new Secret(SECRETS['/restores']!),
        timeoutMs: 2_000,
      },
    ],
    retry: { baseDelayMs: 50, maxDelayMs: 200, giveUpAfterMs: 10 * 60_000 },
    dispatchIntervalMs: 50,
    watchRefreshMs: 100,
  };
}

export interface DeliveryNode {
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

export const DELIVERIES = `query($filter: WebhookDeliveryFilter) {
  webhookDeliveries(filter: $filter, first: 100) {
    nodes { id eventId eventType target status attempts lastError nextAttemptAt payload }
  }
}`;

/** A session's deliveries to one target, oldest first. */
export async function deliveries(
  gateway: TestGateway,
  sessionId: string,
  target = 'ops',
  headers?: Record<string, string>,
): Promise<DeliveryNode[]> {
  const response = await gateway.query<{ webhookDeliveries: { nodes: DeliveryNode[] } }>(
    DELIVERIES,
    { filter: { sessionId, target } },
    headers,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return [...response.data.webhookDeliveries.nodes].reverse();
}

/** The events of a session a receiver accepted (2xx), in the order it accepted them. */
export const accepted = (receiver: Receiver, sessionId: string, path = '/ops'): WebhookEvent[] =>
  receiver.received
    .filter((entry) => entry.path === path && entry.status < 300 && entry.event.sessionId === sessionId)
    .map((entry) => entry.event);

/** Nothing secret in the gateway's log: neither a target's secret nor any signature it sent. */
export function expectNoSecretsIn(lines: readonly string[], receiver: Receiver): void {
  const log = lines.join('\n');
  for (const secret of Object.values(SECRETS)) expect(log).not.toContain(secret);
  const signatures = receiver.received.map((entry) => /v1=([0-9a-f]+)/.exec(entry.signature)?.[1] ?? 'missing');
  expect(signatures.length).toBeGreaterThan(0);
  for (const signature of signatures) expect(log).not.toContain(signature);
}
