// What every resolver receives: long-lived services plus this request's WHM access and loaders.
import type { Identity } from './auth/identity.js';
import { journalRecorder } from './durability/write-journal.js';
import { LogBudget } from './limits/log-budget.js';
import type { LiveMonitor } from './live/index.js';
import { createSessionRecordLoader, type SessionRecordLoader } from './loaders/session-records.js';
import type { SessionRegistry } from './registry/index.js';
import type { ServerAccess, ServerDirectory } from './servers.js';
import { TransferSessionSource, type SessionLogCache, type WhmAccess } from './whm-access/index.js';

export interface GatewayContext {
  /** The servers this caller may use (all of them unless their key or token says otherwise). */
  servers: ServerAccess;
  registry: SessionRegistry;
  /** The only way resolvers reach WHM: reads batched, shared and cached; writes alone; all counted. */
  whm: WhmAccess;
  /** Transfer sessions as WHM tells them (state, logs, analysis), over `whm`. */
  sessions: TransferSessionSource;
  /** The registry's records, batched per tier. */
  records: SessionRecordLoader;
  /** Who is calling; `identity.id` is what the registry records as createdBy. */
  identity: Identity;
  /** Correlates this request's log lines (from x-request-id when the client sent a sane one). */
  requestId: string;
  /** Log text: at most maxLogBytes per field, and the budget for the whole response. */
  limits: { maxLogBytes: number; logBudget: LogBudget };
  /** Live monitoring: subscriptions; writes that change a session ask its poller to look now. */
  live?: LiveMonitor;
}

export interface RequestContextOptions {
  directory: ServerDirectory;
  registry: SessionRegistry;
  identity: Identity;
  requestId: string;
  batching: boolean;
  maxLogBytes: number;
  /** Log bytes one response may carry in all. */
  maxResponseLogBytes: number;
  /** The gateway's one cache of master.log parse states. */
  logCache: SessionLogCache;
  live?: LiveMonitor;
  /** The request's deadline: past it, no new WHM call is sent (HTTP requests; subscriptions have none). */
  expired?: () => Error | null;
}

export function createRequestContext(options: RequestContextOptions): GatewayContext {
  const servers = options.directory.restrictedTo(options.identity.servers);
  const recorder = journalRecorder(options.registry.writeJournal, options.identity.id, options.requestId);
  const whm = options.directory.whm.forRequest(servers, options.batching, recorder, options.expired);
  return {
    servers,
    registry: options.registry,
    whm,
    sessions: new TransferSessionSource(whm, options.logCache),
    records: createSessionRecordLoader(options.registry),
    identity: options.identity,
    requestId: options.requestId,
    limits: { maxLogBytes: options.maxLogBytes, logBudget: new LogBudget(options.maxResponseLogBytes) },
    live: options.live,
  };
}
