// What every resolver receives: long-lived services plus this request's WHM access and loaders.
import type { Identity } from './auth/identity.js';
import type { LiveMonitor } from './live/index.js';
import { createSessionRecordLoader, type SessionRecordLoader } from './loaders/session-records.js';
import type { SessionRegistry } from './registry/index.js';
import type { ServerAccess, ServerDirectory } from './servers.js';
import { TransferSessionSource, type WhmAccess } from './whm-access/index.js';

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
  limits: { maxLogBytes: number };
  /** Live monitoring; set for operations that arrive over WebSocket (subscriptions). */
  live?: LiveMonitor;
}

export interface RequestContextOptions {
  directory: ServerDirectory;
  registry: SessionRegistry;
  identity: Identity;
  requestId: string;
  batching: boolean;
  maxLogBytes: number;
  live?: LiveMonitor;
}

export function createRequestContext(options: RequestContextOptions): GatewayContext {
  const servers = options.directory.restrictedTo(options.identity.servers);
  const whm = options.directory.whm.forRequest(servers, options.batching);
  return {
    servers,
    registry: options.registry,
    whm,
    sessions: new TransferSessionSource(whm),
    records: createSessionRecordLoader(options.registry),
    identity: options.identity,
    requestId: options.requestId,
    limits: { maxLogBytes: options.maxLogBytes },
    live: options.live,
  };
}
