// A counting semaphore: caps the requests in flight to one WHM server, so a burst of GraphQL work
// queues here instead of opening hundreds of connections to cpsrvd.

/** Releases a slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

export class Semaphore {
  private available: number;
  private readonly waiters: Array<(release: ReleaseSlot) => void> = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.available = capacity;
  }

  /** Requests waiting for a slot right now. */
  get queued(): number {
    return this.waiters.length;
  }

  /** A slot at once, or null when none is free (no promise, no timer: the common case). */
  tryAcquire(): ReleaseSlot | null {
    if (this.available === 0) return null;
    this.available -= 1;
    return this.releaser();
  }

  /**
   * Resolves with a release function, or with null when no slot frees up within `waitMs`. One
   * timer per waiting request, and none when a slot is free.
   */
  acquire(waitMs: number): Promise<ReleaseSlot | null> {
    const slot = this.tryAcquire();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => {
      const grant = (release: ReleaseSlot): void => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve(null);
      }, waitMs);
      this.waiters.push(grant);
    });
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the oldest waiter, so a newcomer cannot jump the queue.
      const next = this.waiters.shift();
      if (next) next(this.releaser());
      else this.available += 1;
    };
  }
}
