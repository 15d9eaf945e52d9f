// The configured WHM servers: who may use which, and the one long-lived WHM connection each.
import { GraphQLError } from 'graphql';
import type { WhmServerEntry } from './config.js';
import { badUserInput } from './errors.js';
import type { WhmLogger, WhmObserver } from './whm/index.js';
import { DEFAULT_CHANNEL_OPTIONS, WhmConnections, type ChannelOptions } from './whm-access/index.js';

export interface ResolvedServer {
  entry: WhmServerEntry;
}

/** What resolvers may do with servers: list and resolve, within the caller's allowance. */
export interface ServerAccess {
  list(): WhmServerEntry[];
  resolve(name: string | null | undefined, field?: readonly (string | number)[]): ResolvedServer;
}

export class ServerDirectory implements ServerAccess {
  private readonly servers = new Map<string, ResolvedServer>();
  /** The WHM clients and their shared channels; resolvers reach them only through a WhmAccess. */
  readonly whm: WhmConnections;

  constructor(
    entries: readonly WhmServerEntry[],
    logger?: WhmLogger,
    observer?: WhmObserver,
    channel: ChannelOptions = DEFAULT_CHANNEL_OPTIONS,
  ) {
    if (entries.length === 0) throw new Error('at least one WHM server is required');
    for (const entry of entries) this.servers.set(entry.name, { entry });
    this.whm = new WhmConnections(entries, logger, observer, channel);
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

  /** The directory as seen by a caller limited to some servers (null: no limit). */
  restrictedTo(allowed: readonly string[] | null): ServerAccess {
    if (allowed === null) return this;
    const permitted = new Set(allowed);
    const visible = this.list().filter((entry) => permitted.has(entry.name));
    return {
      list: () => visible,
      resolve: (name, field = ['server']) => {
        const target = name ?? visible[0]?.name;
        if (target === undefined || !permitted.has(target)) {
          throw new GraphQLError(`You may not use WHM server "${name ?? this.defaultServer.entry.name}".`, {
            extensions: { code: 'FORBIDDEN', field: field.map(String) },
          });
        }
        return this.resolve(target, field);
      },
    };
  }

  close(): void {
    this.whm.close();
  }
}
