// The configured WHM servers and one long-lived client each (keep-alive pools live here, not per request).
import type { WhmServerEntry } from './config.js';
import { badUserInput } from './errors.js';
import { WhmClient, type WhmLogger } from './whm/index.js';

export interface ResolvedServer {
  entry: WhmServerEntry;
  client: WhmClient;
}

export class ServerDirectory {
  private readonly servers = new Map<string, ResolvedServer>();

  constructor(entries: readonly WhmServerEntry[], logger?: WhmLogger) {
    if (entries.length === 0) throw new Error('at least one WHM server is required');
    for (const entry of entries) this.servers.set(entry.name, { entry, client: new WhmClient(entry, logger) });
  }

  list(): WhmServerEntry[] {
    return [...this.servers.values()].map((server) => server.entry);
  }

  get defaultServer(): ResolvedServer {
    const [first] = this.servers.values();
    if (!first) throw new Error('no WHM server configured');
    return first;
  }

  /** The named server, or the default one; an unknown name is the caller's input error. */
  resolve(name: string | null | undefined, field: readonly (string | number)[] = ['server']): ResolvedServer {
    if (name === null || name === undefined) return this.defaultServer;
    const server = this.servers.get(name);
    if (!server) {
      throw badUserInput(`Unknown server "${name}". Configured: ${[...this.servers.keys()].join(', ')}.`, field);
    }
    return server;
  }

  close(): void {
    for (const server of this.servers.values()) server.client.close();
  }
}
