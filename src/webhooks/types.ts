// What a webhook target is and which events exist: shared by the configuration, the recorder that
// writes events to the outbox, and the dispatcher that delivers them.
import type { Secret } from '../whm/index.js';

export const WEBHOOK_EVENT_TYPES = ['session.state_changed', 'session.finished', 'item.failed', 'restore.finished'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** One receiver of webhook events (one entry of the GATEWAY_WEBHOOKS file). */
export interface WebhookTarget {
  /** Names the target in the outbox and in webhookDeliveries; never its URL (which may carry a token). */
  name: string;
  url: string;
  events: readonly WebhookEventType[];
  /** Only sessions on these servers; null: every server. */
  servers: readonly string[] | null;
  /** Signs every delivery (HMAC-SHA256); read from the environment variable the file names. */
  secret: Secret;
  /** One delivery attempt's deadline. */
  timeoutMs: number;
}

/** The body of every delivery, as JSON. */
export interface WebhookEvent {
  /** The same on every retry: receivers deduplicate on it. */
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  server: string;
  sessionId: string;
  data: Record<string, unknown>;
}
