// The session feed over the subscriptions: transferSessionUpdated pushes the session (first as it is,
// then on each change, until a final state); the last events come from one query, then
// transferSessionEvents streams the next ones from the last cursor, and resumes from the last cursor
// received after a reconnect. Nothing here polls.
import type { Execute } from './api.js';
import { describeError } from './dom.js';
import { graphql } from './gql/index.js';
import type { Live } from './live.js';
import type { SessionFeed } from './session-view.js';

export const EventFields = graphql(`
  fragment DashboardEvent on TransferEvent {
    cursor
    at
    action
    type
    queue
    item
    message
  }
`);

export const SessionUpdated = graphql(`
  subscription DashboardSessionUpdated($id: ID!, $server: ID) {
    transferSessionUpdated(id: $id, server: $server) {
      ...DashboardSession
      live {
        polling
        nextPollAt
        lastError {
          code
          message
        }
      }
    }
  }
`);

export const RecentEvents = graphql(`
  query DashboardRecentEvents($id: ID!, $server: ID, $last: Int!) {
    transferSession(id: $id, server: $server) {
      id
      events(last: $last) {
        ...DashboardEvent
      }
    }
  }
`);

export const SessionEvents = graphql(`
  subscription DashboardSessionEvents($id: ID!, $server: ID, $after: String) {
    transferSessionEvents(id: $id, server: $server, after: $after) {
      ...DashboardEvent
    }
  }
`);

/** Events shown when a session opens; older ones stay in master.log (TransferSession.log). */
const RECENT_EVENTS = 50;

export function subscriptionFeed(live: Live, execute: Execute): SessionFeed {
  return (key, handlers) => {
    let stopped = false;
    let stopEvents: (() => void) | null = null;
    const failed = (errors: readonly { message: string }[]) => handlers.failed(errors.map((error) => error.message).join('; '));

    const stopSession = live.stream(SessionUpdated, () => key, {
      next: (data) => handlers.session(data.transferSessionUpdated),
      failed,
      state: (state, detail) => handlers.connection(state, detail),
    });

    void (async () => {
      let after: string | null = null;
      try {
        const recent = await execute(RecentEvents, { ...key, last: RECENT_EVENTS });
        for (const event of recent.data?.transferSession?.events ?? []) {
          handlers.event(event);
          after = event.cursor;
        }
      } catch (error) {
        // Without the tail, the stream starts at the first event instead.
        handlers.failed(`The last events could not be read: ${describeError(error)}`);
      }
      if (stopped) return;
      // The variables are read at each (re)subscribe: a reconnect resumes after the last event received.
      stopEvents = live.stream(SessionEvents, () => ({ ...key, after }), {
        next: (data) => {
          after = data.transferSessionEvents.cursor;
          handlers.event(data.transferSessionEvents);
        },
        failed,
        state: () => undefined,
      });
    })();

    return () => {
      stopped = true;
      stopSession();
      stopEvents?.();
    };
  };
}
