// The live engines on Redis, for several replicas (REDIS_URL): the bus on Redis pub/sub, leases on
// keys with a TTL changed only by small Lua scripts (atomic on the server). Every key and channel
// starts with a prefix, so several gateways, or tests, share one Redis without meeting.
import type { Redis } from 'ioredis';
import type { LeaseStore, LiveBus } from './contracts.js';
import { RedisConnection, type RedisConnectionOptions } from './redis-connection.js';

export { RedisConnection, redactRedisUrl, type RedisConnectionOptions, type RedisLogger } from './redis-connection.js';

export const DEFAULT_REDIS_PREFIX = 'whm-gateway:';

export interface RedisEngineOptions extends RedisConnectionOptions {
  /** Starts every key and channel. Default 'whm-gateway:'. */
  prefix?: string | undefined;
}

type MessageHandler = (message: string) => void;

interface ChannelSubscription {
  handlers: Set<MessageHandler>;
  /** Settles when Redis confirmed the SUBSCRIBE; later local subscribers wait on it too. */
  subscribed: Promise<unknown>;
}

/**
 * Pub/sub with one connection to publish on (may be shared, see `publisher`) and one subscriber
 * connection for every channel of the process. A channel is subscribed in Redis while at least one
 * local handler wants it; each message goes to every local handler, in the order Redis delivers.
 */
export class RedisLiveBus implements LiveBus {
  private readonly publisher: RedisConnection;
  private readonly ownsPublisher: boolean;
  private readonly subscriber: RedisConnection;
  private readonly channelPrefix: string;
  private readonly channels = new Map<string, ChannelSubscription>();
  private readonly logger: RedisEngineOptions['logger'];
  private closed = false;

  /** `publisher`: an existing connection to publish on, which close() then leaves open. */
  constructor(redisUrl: string, options: RedisEngineOptions & { publisher?: RedisConnection } = {}) {
    this.ownsPublisher = options.publisher === undefined;
    this.publisher = options.publisher ?? new RedisConnection(redisUrl, 'publisher', options);
    this.subscriber = new RedisConnection(redisUrl, 'subscriber', options);
    this.channelPrefix = `${options.prefix ?? DEFAULT_REDIS_PREFIX}bus:`;
    this.logger = options.logger;
    this.subscriber.client.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  async publish(channel: string, message: string): Promise<void> {
    this.assertOpen();
    await this.publisher.send((client) => client.publish(this.channelPrefix + channel, message));
  }

  async subscribe(channel: string, onMessage: MessageHandler): Promise<() => Promise<void>> {
    this.assertOpen();
    const redisChannel = this.channelPrefix + channel;
    let subscription = this.channels.get(redisChannel);
    if (subscription === undefined) {
      const handlers = new Set<MessageHandler>();
      const subscribed = this.subscriber.send((client) => client.subscribe(redisChannel));
      subscription = { handlers, subscribed };
      this.channels.set(redisChannel, subscription);
    }
    const current = subscription;
    current.handlers.add(onMessage);
    try {
      await current.subscribed;
    } catch (error) {
      this.removeHandler(redisChannel, current, onMessage);
      throw error;
    }
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      if (this.removeHandler(redisChannel, current, onMessage)) await this.unsubscribeInRedis(redisChannel);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.channels.clear();
    await Promise.all([this.subscriber.close(), this.ownsPublisher ? this.publisher.close() : Promise.resolve()]);
  }

  private deliver(redisChannel: string, message: string): void {
    const subscription = this.channels.get(redisChannel);
    if (subscription === undefined) return;
    // A copy: a handler may unsubscribe (itself or another) while we iterate.
    for (const handler of [...subscription.handlers]) {
      try {
        handler(message);
      } catch (error) {
        // One failing subscriber must not starve the others of the message.
        this.logger?.warn(
          { channel: redisChannel, err: error instanceof Error ? error.message : String(error) },
          'live bus handler threw',
        );
      }
    }
  }

  /** Removes a handler; true when it was the channel's last one (the channel is then forgotten locally). */
  private removeHandler(redisChannel: string, subscription: ChannelSubscription, handler: MessageHandler): boolean {
    subscription.handlers.delete(handler);
    if (subscription.handlers.size > 0 || this.channels.get(redisChannel) !== subscription) return false;
    this.channels.delete(redisChannel);
    return true;
  }

  private async unsubscribeInRedis(redisChannel: string): Promise<void> {
    if (this.closed) return;
    try {
      await this.subscriber.send((client) => client.unsubscribe(redisChannel));
    } catch (error) {
      // Nothing for the caller to do: its handler is gone already. A dropped connection dropped the
      // subscription with it; otherwise messages still arriving on the channel find no handler.
      this.logger?.warn(
        { channel: redisChannel, err: error instanceof Error ? error.message : String(error) },
        'Redis UNSUBSCRIBE failed',
      );
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The Redis live bus is closed');
  }
}

// Take the lease when free (an expired key is gone) or renew it for its holder, with a new TTL.
const ACQUIRE_LUA = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// The state is written only by the lease's holder, checked in the same atomic step as the write.
const SET_STATE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/** State outlives the lease, not the session: a week after its last write it is dropped. */
export const DEFAULT_LEASE_STATE_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Leases as Redis keys `<prefix>lease:<key>` holding the owner, with a TTL; their state beside them
 * at `<prefix>lease:<key>:state`.
 */
export class RedisLeaseStore implements LeaseStore {
  private readonly connection: RedisConnection;
  private readonly ownsConnection: boolean;
  private readonly keyPrefix: string;
  private readonly stateTtlMs: number;
  private closed = false;

  /** `connection`: an existing connection to use, which close() then leaves open. */
  constructor(redisUrl: string, options: RedisEngineOptions & { connection?: RedisConnection; stateTtlMs?: number } = {}) {
    this.ownsConnection = options.connection === undefined;
    this.connection = options.connection ?? new RedisConnection(redisUrl, 'leases', options);
    this.keyPrefix = `${options.prefix ?? DEFAULT_REDIS_PREFIX}lease:`;
    this.stateTtlMs = options.stateTtlMs ?? DEFAULT_LEASE_STATE_TTL_MS;
  }

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    if (!Number.isFinite(ttlMs) || ttlMs < 1) throw new RangeError(`A lease needs a positive TTL, not ${ttlMs} ms`);
    const taken = await this.send((client) => client.eval(ACQUIRE_LUA, 1, this.keyPrefix + key, owner, Math.ceil(ttlMs)));
    return taken === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await this.send((client) => client.eval(RELEASE_LUA, 1, this.keyPrefix + key, owner));
  }

  async getState(key: string): Promise<string | null> {
    return this.send((client) => client.get(this.stateKey(key)));
  }

  async setState(key: string, owner: string, value: string): Promise<boolean> {
    const written = await this.send((client) =>
      client.eval(SET_STATE_LUA, 2, this.keyPrefix + key, this.stateKey(key), owner, value, this.stateTtlMs),
    );
    return written === 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsConnection) await this.connection.close();
  }

  private stateKey(key: string): string {
    return `${this.keyPrefix}${key}:state`;
  }

  private async send<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('The Redis lease store is closed');
    return this.connection.send(command);
  }
}

export interface RedisEngines {
  bus: RedisLiveBus;
  leases: RedisLeaseStore;
  /** The command connection (publishing and leases), e.g. for rate limits: `redisRateLimitStore(client, prefix)`. */
  client: Redis;
  /** Resolves once the command connection is up; rejects after `readyTimeoutMs` (nothing else changes: it keeps trying). */
  ready(): Promise<void>;
  /** Closes the bus, the leases and both connections. */
  close(): Promise<void>;
}

/** Both engines on two connections: one for commands (publish, leases), one to subscribe on. */
export function openRedisEngines(redisUrl: string, options: RedisEngineOptions = {}): RedisEngines {
  const commands = new RedisConnection(redisUrl, 'commands', options);
  const bus = new RedisLiveBus(redisUrl, { ...options, publisher: commands });
  const leases = new RedisLeaseStore(redisUrl, { ...options, connection: commands });
  return {
    bus,
    leases,
    client: commands.client,
    ready: () => commands.whenReady(),
    async close() {
      await Promise.all([bus.close(), leases.close()]);
      await commands.close();
    },
  };
}
