// What one look at a session means for webhooks: the events it produces, with ids that depend only on
// what happened (server, session, type, and the log line or state change number), so two replicas,
// or one replica after a restart, that see the same thing write the same ids, and the outbox keeps one.
import { createHash } from 'node:crypto';
import type { NewWebhookDelivery, SessionKind, SessionStateChange } from '../registry/index.js';
import { isTerminalSessionState, toSessionState, type TransferEvent, type TransferItemOutcome } from '../transfer/index.js';
import type { WebhookEvent, WebhookEventType, WebhookTarget } from './types.js';

/** A session as one read (a poll, or a watcher's first look) showed it. */
export interface SessionLook {
  server: string;
  sessionId: string;
  kind: SessionKind;
  /** WHM's state_name. */
  stateName: string;
  /** Events this look brought (a poll: the new ones; a first look: all of them), in log order. */
  events: readonly TransferEvent[];
  items: readonly TransferItemOutcome[];
}

export function webhookEventId(server: string, sessionId: string, type: WebhookEventType, discriminator: string): string {
  const digest = createHash('sha256').update([server, sessionId, type, discriminator].join('\u0000')).digest('hex');
  return `evt_${digest.slice(0, 32)}`;
}

/** The state as compared between looks: the known state's name, or WHM's text when it is not one. */
export function comparableState(stateName: string): string {
  const { state } = toSessionState(stateName);
  return state === 'UNKNOWN' ? stateName.trim() : state;
}

export function isFinalState(stateName: string): boolean {
  return isTerminalSessionState(toSessionState(stateName).state);
}

function itemCounts(items: readonly TransferItemOutcome[]): { total: number; failed: number } {
  return { total: items.length, failed: items.filter((item) => item.state === 'FAILED').length };
}

/** The events of one look, in the order a receiver gets them: failed items (log order), then the state. */
export function eventsOfLook(look: SessionLook, change: SessionStateChange | null, now: Date): WebhookEvent[] {
  const { server, sessionId, kind } = look;
  const event = (
    type: WebhookEventType,
    discriminator: string,
    occurredAt: Date,
    data: Record<string, unknown>,
  ): WebhookEvent => ({
    id: webhookEventId(server, sessionId, type, discriminator),
    type,
    occurredAt: occurredAt.toISOString(),
    server,
    sessionId,
    data,
  });
  const events = look.events
    .filter((logged) => logged.action === 'failed-item')
    .map((logged) =>
      event('item.failed', logged.cursor, logged.at ?? now, {
        kind,
        item: logged.item,
        itemType: logged.itemType,
        itemName: logged.itemName,
        localItem: logged.localItem,
        queue: logged.queue,
        failure: logged.message,
        cursor: logged.cursor,
      }),
    );
  if (change === null) return events;
  const state = comparableState(look.stateName);
  events.push(
    event('session.state_changed', `${change.sequence}:${state}`, now, {
      kind,
      previousState: change.previousState,
      state,
      stateName: look.stateName,
    }),
  );
  if (isFinalState(look.stateName)) {
    const summary = { kind, state, stateName: look.stateName, items: itemCounts(look.items) };
    events.push(event('session.finished', '', now, summary));
    if (kind === 'RESTORE') events.push(event('restore.finished', '', now, summary));
  }
  return events;
}

export function targetWants(target: WebhookTarget, server: string, type: WebhookEventType): boolean {
  return target.events.includes(type) && (target.servers === null || target.servers.includes(server));
}

/** One outbox row per event and target that wants it; the body is serialised once, for every retry. */
export function deliveriesOf(events: readonly WebhookEvent[], targets: readonly WebhookTarget[]): NewWebhookDelivery[] {
  return events.flatMap((event) => {
    const payload = JSON.stringify(event);
    return targets
      .filter((target) => targetWants(target, event.server, event.type))
      .map((target) => ({ eventId: event.id, target: target.name, eventType: event.type, payload }));
  });
}
