// Live monitoring (graphql-ws): thin resolvers over the LiveMonitor. Each checks its input and the
// caller's server allowance, then opens a stream whose first value comes from a WHM read through the
// caller's own access (so a refusal or an unknown session is this subscribe's error), and whose next
// values come from the session's shared poller.
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { badUserInput, isUnknownSessionError } from '../errors.js';
import type { SubscriptionResolvers } from '../generated/graphql.js';
import { LogBudget } from '../limits/log-budget.js';
import type { LiveMonitor, SessionKey } from '../live/index.js';
import type { TransferEvent } from '../transfer/index.js';
import { checkSessionId } from '../validation.js';
import { checkEventCursor } from './event-cursor.js';
import type { TransferSessionRef } from './models.js';

function liveMonitor(context: GatewayContext): LiveMonitor {
  if (context.live) return context.live;
  throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) at this same URL.', {
    extensions: { code: 'BAD_REQUEST' },
  });
}

function sessionKey(context: GatewayContext, id: string, server: string | null | undefined): SessionKey {
  return { server: context.servers.resolve(server).entry.name, id: checkSessionId(id, ['id']) };
}

async function opened<T>(key: SessionKey, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (isUnknownSessionError(error)) throw badUserInput(`WHM knows no transfer session "${key.id}" on "${key.server}".`, ['id']);
    throw error;
  }
}

/** The same stream with each value mapped; stopping it stops the source. */
function mapStream<A, B>(source: AsyncIterableIterator<A>, map: (value: A) => B): AsyncIterableIterator<B> {
  return {
    async next() {
      const result = await source.next();
      return result.done ? { value: undefined, done: true } : { value: map(result.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export const Subscription: SubscriptionResolvers = {
  transferSessionUpdated: {
    subscribe: async (_root, { id, server }, context) => {
      const key = sessionKey(context, id, server);
      const live = liveMonitor(context);
      const record = await context.records.load(key);
      const snapshots = await opened(key, () => live.sessionUpdates(key, context.whm));
      return mapStream(snapshots, (snapshot): TransferSessionRef => ({ ...key, record, snapshot }));
    },
    resolve: (ref: TransferSessionRef, _args: unknown, context: GatewayContext) => {
      // Each push is a response of its own: fields the snapshot does not hold (log, analysis) are read
      // again, never stale, and log text has a fresh budget.
      context.sessions.forgetReads(ref);
      context.limits.logBudget = new LogBudget(context.limits.logBudget.limitBytes);
      return ref;
    },
  },
  transferSessionEvents: {
    subscribe: async (_root, { id, server, after }, context) => {
      const key = sessionKey(context, id, server);
      const from = after === null || after === undefined ? null : checkEventCursor(after, ['after']);
      const live = liveMonitor(context);
      return opened(key, () => live.sessionEvents(key, from, context.whm));
    },
    resolve: (event: TransferEvent) => event,
  },
};
