// One ioredis connection as the Redis engines use it: errors are logged (never thrown at the process),
// ioredis reconnects on its own, and a call made while Redis is away waits a short, bounded time for
// it and then rejects with an Error, so the caller (a poller's tick, a subscriber) decides what to do.
//
// Why these ioredis options: without an offline queue a command is never sent later behind the
// caller's back (a PUBLISH or a lease taken seconds after the caller was told it failed). With
// maxRetriesPerRequest 0, commands in flight when the connection drops are rejected at once (their
// outcome unknown) instead of being sent again after the reconnect. The command timeout bounds a
// Redis that accepts connections but does not answer.
import { Redis } from 'ioredis';

/** The part of a pino logger the engines use; pass e.g. `logger.child({ component: 'redis' })`. */
export interface RedisLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

export interface RedisConnectionOptions {
  logger?: RedisLogger | undefined;
  /** How long a call waits for a (re)connecting Redis before it rejects. Default 1000 ms. */
  readyTimeoutMs?: number | undefined;
  /** How long a sent command may wait for its reply before it rejects. Default 2000 ms. */
  commandTimeoutMs?: number | undefined;
}

export const DEFAULT_READY_TIMEOUT_MS = 1_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;

/** The URL without its password, for logs and error messages. */
export function redactRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable Redis URL)';
  }
}

export class RedisConnection {
  readonly client: Redis;
  readonly url: string;
  private readonly readyTimeoutMs: number;
  private readonly commandTimeoutMs: number;
  private lastLoggedError: string | null = null;
  private closed = false;

  /** `role` names the connection in logs and in Redis' CLIENT LIST ('commands', 'subscriber'). */
  constructor(redisUrl: string, role: string, options: RedisConnectionOptions = {}) {
    this.url = redactRedisUrl(redisUrl);
    this.readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    this.commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.client = new Redis(redisUrl, {
      connectionName: `whm-gateway-${role}`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: this.commandTimeoutMs,
    });
    const logger = options.logger;
    // An outage makes ioredis emit the same error at every reconnect attempt: log each distinct one once.
    this.client.on('error', (error: Error) => {
      if (error.message === this.lastLoggedError) return;
      this.lastLoggedError = error.message;
      logger?.warn({ redis: this.url, connection: role, err: error.message }, 'Redis connection error; reconnecting');
    });
    this.client.on('ready', () => {
      if (this.lastLoggedError === null) return;
      this.lastLoggedError = null;
      logger?.info({ redis: this.url, connection: role }, 'Redis connection restored');
    });
  }

  /** Resolves at once when connected, else when the connection comes back within `readyTimeoutMs`; rejects otherwise. */
  whenReady(): Promise<void> {
    const client = this.client;
    if (this.closed || client.status === 'end')
      return Promise.reject(new Error(`The connection to Redis at ${this.url} is closed`));
    if (client.status === 'ready') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        client.off('ready', onReady);
        client.off('end', onEnd);
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => settle();
      const onEnd = () => settle(new Error(`The connection to Redis at ${this.url} is closed`));
      const timer = setTimeout(() => {
        const cause = this.lastLoggedError === null ? '' : `: ${this.lastLoggedError}`;
        settle(new Error(`Redis at ${this.url} is not reachable (${client.status} after ${this.readyTimeoutMs} ms)${cause}`));
      }, this.readyTimeoutMs);
      client.once('ready', onReady);
      client.once('end', onEnd);
    });
  }

  /** Runs a command once connected (see whenReady), with ioredis' connection errors reworded for callers and logs. */
  async send<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    await this.whenReady();
    try {
      return await command(this.client);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      if (error.name === 'MaxRetriesPerRequestError') {
        throw new Error(`The connection to Redis at ${this.url} was lost before the reply: the command may or may not have run`, {
          cause: error,
        });
      }
      if (error.message === 'Command timed out') {
        throw new Error(`Redis at ${this.url} did not answer within ${this.commandTimeoutMs} ms`, { cause: error });
      }
      throw error;
    }
  }

  /** Quits politely when connected (pending replies arrive first), else drops the connection; never rejects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.status === 'end') return;
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // The connection broke while quitting: dropping it below is all that is left to do.
      }
    }
    // Between two reconnect attempts this cancels the next one; ioredis' status then stays 'reconnecting'.
    this.client.disconnect();
  }
}
