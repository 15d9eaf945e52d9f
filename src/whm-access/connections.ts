// The WHM clients of the configured servers, one long-lived client and shared channel each
// (keep-alive pools and cross-request batches live here, not per request). Only this layer holds
// a WhmClient: resolvers get a WhmAccess per request, health checks a probe.
import { WhmClient, type WhmLogger, type WhmObserver, type WhmServerConfig } from '../whm/index.js';
import { WhmAccess, type ServerAuthorizer, type WriteRecorder } from './request-access.js';
import { WhmServerChannel, type ChannelOptions } from './server-channel.js';

export const DEFAULT_CHANNEL_OPTIONS: ChannelOptions = { readCacheMs: 0, maxReadBatchesInFlight: 1, readStallMs: 250 };

export class WhmConnections {
  private readonly channels = new Map<string, WhmServerChannel>();
  private readonly clients: WhmClient[] = [];

  constructor(
    configs: readonly WhmServerConfig[],
    logger?: WhmLogger,
    observer?: WhmObserver,
    options: ChannelOptions = DEFAULT_CHANNEL_OPTIONS,
  ) {
    for (const config of configs) {
      const client = new WhmClient(config, logger, observer);
      this.clients.push(client);
      this.channels.set(config.name, new WhmServerChannel(client, options));
    }
  }

  /** The WHM access of one GraphQL request, within what `servers` allows its caller. */
  forRequest(servers: ServerAuthorizer, batching: boolean, recorder?: WriteRecorder, expired?: () => Error | null): WhmAccess {
    return new WhmAccess({ servers, batching, recorder, expired, channelFor: (server) => this.channel(server) });
  }

  /** A cheap read for readiness; an open breaker answers at once that the server is down. */
  async probe(server: string, timeoutMs: number): Promise<void> {
    await this.clientOf(server).call('available_transfer_modules', {}, { timeoutMs });
  }

  close(): void {
    for (const client of this.clients) client.close();
  }

  private channel(server: string): WhmServerChannel {
    const channel = this.channels.get(server);
    // Server names reach here only after ServerAuthorizer.resolve, which knows every configured one.
    if (!channel) throw new Error(`no WHM channel for server "${server}"`);
    return channel;
  }

  private clientOf(server: string): WhmClient {
    const client = this.clients.find((candidate) => candidate.serverName === server);
    if (!client) throw new Error(`no WHM client for server "${server}"`);
    return client;
  }
}
