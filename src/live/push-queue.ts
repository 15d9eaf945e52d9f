// The async iterator a subscription hands graphql-ws: values pushed by the live feed wait here until
// the socket takes them. `latestOnly` keeps just the newest waiting value (a session's state: a slow
// client needs the latest, not every step); otherwise each value is kept (events: each one matters).

export class PushQueue<T> implements AsyncIterableIterator<T> {
  private readonly values: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;

  constructor(
    /** Runs once when the consumer stops early (unsubscribe, socket closed). */
    private readonly onReturn: () => void,
    private readonly latestOnly = false,
  ) {}

  push(value: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value, done: false });
      return;
    }
    if (this.latestOnly) this.values.length = 0;
    this.values.push(value);
  }

  /** No more values: the consumer gets what waits, then the end. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }

  get isEnded(): boolean {
    return this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.values.length > 0) return Promise.resolve({ value: this.values.shift() as T, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    const wasEnded = this.ended;
    this.values.length = 0;
    this.end();
    if (!wasEnded) this.onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
