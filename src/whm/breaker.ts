// A circuit breaker for one WHM server. After `failureThreshold` consecutive transport failures the
// server is considered down: requests fail at once instead of each waiting out a connect error or a
// timeout against a dead cpsrvd, and the server is not hammered while it restarts. After
// `halfOpenAfterMs` exactly one request goes through as a probe; its outcome closes the breaker or
// opens it again. Kept small and local (not cockatiel) because cockatiel's half-open state queues
// concurrent callers behind the probe instead of failing them fast, and it does not say when an
// open breaker will let a request through again.

export type BreakerState = 'closed' | 'half-open' | 'open';

export interface BreakerOptions {
  /** Consecutive transport failures (per HTTP attempt) that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long the breaker stays open before one probe request is let through. Default 10000. */
  halfOpenAfterMs?: number;
}

export const DEFAULT_BREAKER: Required<BreakerOptions> = { failureThreshold: 5, halfOpenAfterMs: 10_000 };

/**
 * How one admitted request ended, as the breaker sees it: `failure` is evidence the server is down,
 * `success` that it answers, `neutral` neither (the request never left the gateway).
 */
export type BreakerVerdict = 'success' | 'failure' | 'neutral';

/** Handed out by `tryAcquire()` for one request; give it back to `settle()` exactly once. */
export interface BreakerPermit {
  readonly probe: boolean;
  /** The breaker's generation when the permit was issued. */
  readonly generation: number;
}

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly halfOpenAfterMs: number;
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  // Bumped on every state change: outcomes of requests admitted under an earlier state are stale
  // (a slow request started before the breaker opened must not close it, nor count twice).
  private generation = 0;
  private probeInFlight = false;
  private reopensAt: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private failureCause: unknown = undefined;

  constructor(
    options: BreakerOptions,
    private readonly onChange: (state: BreakerState) => void,
  ) {
    this.failureThreshold = options.failureThreshold ?? DEFAULT_BREAKER.failureThreshold;
    this.halfOpenAfterMs = options.halfOpenAfterMs ?? DEFAULT_BREAKER.halfOpenAfterMs;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) {
      throw new RangeError('breaker.failureThreshold must be a positive integer');
    }
    if (!Number.isFinite(this.halfOpenAfterMs) || this.halfOpenAfterMs <= 0) {
      throw new RangeError('breaker.halfOpenAfterMs must be a positive number of milliseconds');
    }
  }

  get state(): BreakerState {
    return this.current;
  }

  /** When an open breaker will let a probe through; null unless open. */
  get retryAt(): Date | null {
    return this.current === 'open' && this.reopensAt !== null ? new Date(this.reopensAt) : null;
  }

  /** The failure that last opened the breaker (cause of the fast-fail errors). */
  get lastFailure(): unknown {
    return this.failureCause;
  }

  /** A permit to send one request now, or null: fail fast without sending. */
  tryAcquire(): BreakerPermit | null {
    if (this.current === 'closed') return { probe: false, generation: this.generation };
    if (this.current === 'open' || this.probeInFlight) return null;
    this.probeInFlight = true;
    return { probe: true, generation: this.generation };
  }

  /**
   * Whether a permit still allows sending. A request admitted while closed may have waited for a
   * connection slot while the breaker opened; it must then fail fast rather than reach WHM.
   */
  stillAdmits(permit: BreakerPermit): boolean {
    return permit.probe ? permit.generation === this.generation : this.current === 'closed';
  }

  settle(permit: BreakerPermit, verdict: BreakerVerdict, error?: unknown): void {
    if (permit.generation !== this.generation) return;
    if (permit.probe) {
      this.probeInFlight = false;
      if (verdict === 'success') this.transition('closed');
      else if (verdict === 'failure') this.open(error);
      // neutral: the probe proved nothing, so the next request probes instead.
      return;
    }
    if (this.current !== 'closed') return;
    if (verdict === 'success') this.consecutiveFailures = 0;
    else if (verdict === 'failure') {
      this.consecutiveFailures += 1;
      if (this.consecutiveFailures >= this.failureThreshold) this.open(error);
    }
  }

  /** Stops the half-open timer (the transport is closing). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private open(error: unknown): void {
    this.failureCause = error;
    this.reopensAt = Date.now() + this.halfOpenAfterMs;
    clearTimeout(this.timer);
    // A timer rather than a lazy check, so state and listeners see half-open when it happens.
    // unref: an open breaker must not keep the process alive.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.transition('half-open');
    }, this.halfOpenAfterMs);
    this.timer.unref();
    this.transition('open');
  }

  private transition(state: BreakerState): void {
    this.current = state;
    this.generation += 1;
    this.consecutiveFailures = 0;
    this.probeInFlight = false;
    if (state !== 'open') this.reopensAt = null;
    if (state === 'closed') this.failureCause = undefined;
    this.onChange(state);
  }
}
