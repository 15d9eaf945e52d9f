// Webhook deliveries from the registry's outbox (admins): what was sent to which target, and what is
// still to send. Newest first, with an opaque cursor on the row id.
import { badUserInput } from '../errors.js';
import type { QueryResolvers, WebhookDeliveryResolvers } from '../generated/graphql.js';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/types.js';
import { checkIntegerRange, checkSessionId, checkText, LIMITS } from '../validation.js';

const CURSOR_PREFIX = 'wd1:';

const encodeDeliveryCursor = (id: string): string => Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');

function decodeDeliveryCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw badUserInput('This cursor was not issued by webhookDeliveries.', ['after']);
  return id;
}

export const webhookDeliveries: NonNullable<QueryResolvers['webhookDeliveries']> = async (
  _root,
  { filter, first, after },
  { servers, registry },
) => {
  const pageSize = checkIntegerRange(first ?? 20, 1, LIMITS.pageSize, ['first']);
  const eventType = filter?.eventType ?? null;
  if (eventType !== null && !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(eventType)) {
    throw badUserInput(`An event type is one of ${WEBHOOK_EVENT_TYPES.join(', ')}.`, ['filter', 'eventType']);
  }
  const page = await registry.webhookOutbox.list(
    {
      // Only what the caller may see: an admin key limited to some servers lists only their deliveries.
      servers: servers.list().map((entry) => entry.name),
      statuses: filter?.status ?? null,
      target: filter?.target ? checkText(filter.target, ['filter', 'target']) : null,
      server: filter?.server ? servers.resolve(filter.server, ['filter', 'server']).entry.name : null,
      sessionId: filter?.sessionId ? checkSessionId(filter.sessionId, ['filter', 'sessionId']) : null,
      eventType,
    },
    pageSize,
    after ? decodeDeliveryCursor(after) : null,
  );
  const last = page.deliveries.at(-1);
  return {
    nodes: page.deliveries,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeDeliveryCursor(last.id) : null },
  };
};

export const WebhookDelivery: WebhookDeliveryResolvers = {
  id: (delivery) => delivery.id,
  eventId: (delivery) => delivery.eventId,
  eventType: (delivery) => delivery.eventType,
  target: (delivery) => delivery.target,
  server: (delivery) => delivery.server,
  sessionId: (delivery) => delivery.sessionId,
  status: (delivery) => delivery.status,
  attempts: (delivery) => delivery.attempts,
  lastError: (delivery) => delivery.lastError,
  lastHttpStatus: (delivery) => delivery.lastHttpStatus,
  nextAttemptAt: (delivery) => delivery.nextAttemptAt,
  createdAt: (delivery) => delivery.createdAt,
  deliveredAt: (delivery) => delivery.deliveredAt,
  payload: (delivery) => JSON.parse(delivery.payload) as unknown,
};
