// What every resolver receives: long-lived services plus this request's loaders.
import type { Identity } from './auth/identity.js';
import type { Loaders } from './loaders/index.js';
import type { SessionRegistry } from './registry/index.js';
import type { ServerAccess } from './servers.js';

export interface GatewayContext {
  /** The servers this caller may use (all of them unless their key or token says otherwise). */
  servers: ServerAccess;
  registry: SessionRegistry;
  loaders: Loaders;
  /** Who is calling; `identity.id` is what the registry records as createdBy. */
  identity: Identity;
  /** Correlates this request's log lines (from x-request-id when the client sent a sane one). */
  requestId: string;
  limits: { maxLogBytes: number };
}
