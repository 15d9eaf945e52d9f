// The live engines for one process: a fan-out bus and leases held in memory. Same contracts as the
// Redis engines, including their asynchrony: a message reaches its subscribers on a later turn of the
// event loop, so code that works here does not lean on an ordering Redis would not give.
import type { LeaseStore, LiveBus } from './contracts.js';

type Handler = (message: string) => void;

export class MemoryLiveBus implements LiveBus {
  private readonly channels = new Map<string, Set<Handler>>();
  private closed = false;

  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) throw new Error('MemoryLiveBus is closed');
    const handlers = this.channels.get(channel);
    if (!handlers || handlers.size === 0) return;
    // A snapshot of the subscribers: one that leaves or joins meanwhile changes nothing for this message.
    const recipients = [...handlers];
    // A later turn of the event loop (not a microtask): the publisher goes on before anyone hears it.
    setImmediate(() => {
      for (const handler of recipients) {
        try {
          handler(message);
        } catch {
          // One subscriber's bug must not keep the message from the others (nor reach the publisher).
        }
      }
    });
  }

  async subscribe(channel: string, onMessage: Handler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('MemoryLiveBus is closed');
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const handler: Handler = (message) => onMessage(message);
    let handlers = this.channels.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.channels.set(channel, handlers);
    }
    handlers.add(handler);
    return async () => {
      const current = this.channels.get(channel);
      current?.delete(handler);
      if (current?.size === 0) this.channels.delete(channel);
    };
  }

  /** Channels with at least one subscriber (for tests). */
  get channelCount(): number {
    return this.channels.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
  }
}

interface Lease {
  owner: string;
  expiresAt: number;
}

export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, Lease>();
  private readonly states = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const lease = this.leases.get(key);
    const now = this.now();
    if (lease && lease.owner !== owner && lease.expiresAt > now) return false;
    this.leases.set(key, { owner, expiresAt: now + ttlMs });
    return true;
  }

  async release(key: string, owner: string): Promise<void> {
    if (this.leases.get(key)?.owner === owner) this.leases.delete(key);
  }

  async getState(key: string): Promise<string | null> {
    return this.states.get(key) ?? null;
  }

  async setState(key: string, owner: string, value: string): Promise<boolean> {
    const lease = this.leases.get(key);
    if (!lease || lease.owner !== owner || lease.expiresAt <= this.now()) return false;
    this.states.set(key, value);
    return true;
  }

  /** Who holds the lease now, if anyone (for tests). */
  holder(key: string): string | null {
    const lease = this.leases.get(key);
    return lease && lease.expiresAt > this.now() ? lease.owner : null;
  }

  async close(): Promise<void> {
    this.leases.clear();
  }
}
