// Live monitoring as one gateway replica runs it: the monitor (pollers behind leases, fan-out from the
// bus), its WebSocket endpoint once the HTTP server exists, and the order they stop in: subscriptions
// complete, then their sockets close, then engines the gateway made itself.
import type { ApolloServerPlugin } from '@apollo/server';
import type { SessionRegistry } from '../registry/index.js';
import type { ServerDirectory } from '../servers.js';
import type { SessionLogCache } from '../whm-access/index.js';
import type { LeaseStore, LiveBus } from './contracts.js';
import { MemoryLeaseStore, MemoryLiveBus } from './memory.js';
import { LiveMonitor } from './monitor.js';
import type { LiveLogger } from './poller.js';
import { WebhookService, type WebhookLogger, type WebhookSettings } from '../webhooks/index.js';
import { startSubscriptionServer, type SubscriptionServer, type SubscriptionServerOptions } from './websocket.js';

/** Named as in GatewayOptions, so the gateway passes its own options through. */
export interface GatewayLiveOptions {
  servers: ServerDirectory;
  registry: SessionRegistry;
  batching: boolean;
  logs: SessionLogCache;
  logger: LiveLogger & WebhookLogger;
  /** Between two polls of a running session; 5× that while it waits. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Longest delay between polls while WHM fails. Default 60 000 ms. */
  pollMaxBackoffMs?: number;
  /** Shared engines (Redis), closed by whoever made them. Default: in memory, closed with the gateway. */
  live?: { bus: LiveBus; leases: LeaseStore; minLeaseTtlMs?: number };
  /** Webhooks: fed by the same pollers (every unfinished session watched), delivered from the outbox. */
  webhooks?: WebhookSettings;
}

export interface GatewayLive {
  monitor: LiveMonitor;
  webhooks: WebhookService | null;
  /** Once the gateway listens: the webhook watcher and dispatcher start. */
  start(): void;
  /** Apollo plugin: on drain, ends subscriptions (each gets `complete`) before sockets close. */
  drainPlugin: ApolloServerPlugin;
  /** Opens the WebSocket endpoint on the gateway's HTTP server. */
  serve(options: SubscriptionServerOptions): void;
}

export function createGatewayLive(options: GatewayLiveOptions): GatewayLive {
  const engines = options.live ?? { bus: new MemoryLiveBus(), leases: new MemoryLeaseStore() };
  const pollerAccess = () => options.servers.whm.forRequest(options.servers, options.batching);
  const webhooks = options.webhooks?.targets.length
    ? new WebhookService(options.webhooks, options.registry, options.logger)
    : null;
  const monitor = new LiveMonitor({
    // With webhooks, what a poller publishes is first written to the outbox (src/webhooks/bus.ts).
    bus: webhooks ? webhooks.wrapBus(engines.bus) : engines.bus,
    leases: engines.leases,
    pollerAccess,
    timing: {
      intervalMs: options.pollIntervalMs ?? 2_000,
      idleFactor: 5,
      maxBackoffMs: options.pollMaxBackoffMs ?? 60_000,
      minLeaseTtlMs: options.live?.minLeaseTtlMs ?? 5_000,
    },
    onStateSeen: (key, state) => void options.registry.recordState(key.server, key.id, state).catch(() => undefined),
    logger: options.logger,
    logs: options.logs,
  });
  let subscriptions: SubscriptionServer | null = null;
  return {
    monitor,
    webhooks,
    start() {
      // Every unfinished registry session watched (so webhooks see it), and the outbox delivered.
      webhooks?.start({ live: monitor, access: pollerAccess, servers: () => options.servers.list().map((entry) => entry.name) });
    },
    drainPlugin: {
      serverWillStart: async () => ({
        drainServer: async () => {
          await webhooks?.close();
          await monitor.close();
          await subscriptions?.close();
          if (!options.live) await Promise.all([engines.bus.close(), engines.leases.close()]);
        },
      }),
    },
    serve(serverOptions) {
      subscriptions = startSubscriptionServer(serverOptions);
    },
  };
}
