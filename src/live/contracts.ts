// The two engines live monitoring runs on, as small interfaces: a message bus that fans session
// changes out to every replica, and leases that let exactly one replica poll a session. In one
// process both live in memory; with REDIS_URL both live in Redis. Messages are strings (JSON), so
// the engines know nothing of sessions.

/** Fan-out of messages to every subscriber of a channel, on every replica. */
export interface LiveBus {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once subscribed; the returned function unsubscribes. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Time-limited ownership of a key (one poller per session across replicas). */
export interface LeaseStore {
  /** Takes the lease when free or expired, or renews it when `owner` holds it; true when `owner` holds it now. */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` holds it (no-op otherwise). */
  release(key: string, owner: string): Promise<void>;
  /** State kept beside the lease that outlives its holder (the last event cursor published), or null. */
  getState(key: string): Promise<string | null>;
  /** Writes that state, only while `owner` holds the lease; false when it does not. */
  setState(key: string, owner: string, value: string): Promise<boolean>;
  close(): Promise<void>;
}
