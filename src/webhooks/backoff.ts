// When to try a failed delivery again: exponential backoff with jitter, until 24 hours after the
// event was written; the last retry falls on that deadline rather than being skipped.

export interface RetryPolicy {
  /** The first retry's delay (before jitter). */
  baseDelayMs: number;
  /** The longest delay between two attempts. */
  maxDelayMs: number;
  /** Counted from the event's creation: no attempt after this. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60 * 1000,
  giveUpAfterMs: 24 * 60 * 60 * 1000,
};

/**
 * The delay after attempt number `attempts` (1, 2, …) failed: base × 2^(attempts−1), capped, then
 * "equal jitter" (between half and all of it), so receivers coming back are not hit by every
 * replica at once, and a retry never comes at once.
 */
export function retryDelayMs(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(attempts, 1) - 1, 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** When to try again after `attempts` failed attempts, or null when the event's time is up. */
export function nextAttemptAt(
  policy: RetryPolicy,
  createdAt: Date,
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const deadline = createdAt.getTime() + policy.giveUpAfterMs;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(now.getTime() + retryDelayMs(policy, attempts, random), deadline));
}
