// What every resolver receives: long-lived services plus this request's loaders.
import type { Loaders } from './loaders/index.js';
import type { SessionRegistry } from './registry/index.js';
import type { ServerDirectory } from './servers.js';

export interface GatewayContext {
  servers: ServerDirectory;
  registry: SessionRegistry;
  loaders: Loaders;
  /** Who is calling, for the registry's createdBy (an API key name or JWT subject once auth exists). */
  clientIdentity: string | null;
  limits: { maxLogBytes: number };
}
