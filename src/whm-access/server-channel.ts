// The one long-lived road to one WHM server. Reads from every GraphQL request share it: while a read
// batch is in flight, new reads queue and leave together in the next `batch` request; identical
// reads in flight are made once (single-flight). When the road is idle a read leaves on the next
// turn of the event loop, so a lone request waits for no timer. Writes never queue and never share.
import { WHM_FUNCTIONS, type WhmCall, type WhmClient, type WhmFunctionName, type WhmResult } from '../whm/index.js';

/** Counts the WHM HTTP requests one GraphQL request waited on (its log line's `whmRequests`). */
export interface WhmRequestMeter {
  count: number;
}

export interface ChannelOptions {
  /** Reuse a read's answer across requests for this long after it arrived (0: only while in flight). */
  readCacheMs: number;
  /** Read batches in flight at once; more reads wait and join the next one. */
  maxReadBatchesInFlight: number;
  /**
   * How long reads wait behind a batch still in flight before they go anyway, in a batch of their
   * own: a slow WHM answer must not hold every other read of the server (head-of-line blocking).
   */
  readStallMs: number;
}

interface SharedRead {
  call: WhmCall;
  key: string;
  /** Writes seen when it was queued: a read queued before a write must not answer a read after it. */
  writeGeneration: number;
  meters: Set<WhmRequestMeter>;
  promise: Promise<WhmResult<unknown>>;
  resolve(result: WhmResult<unknown>): void;
  reject(error: unknown): void;
}

/** Reads that may ride with others: no credentials in them and an ordinary, short timeout. */
export function isShareableRead(fn: WhmFunctionName): boolean {
  const info = WHM_FUNCTIONS[fn];
  return info.readOnly && info.secretParams.length === 0 && info.timeoutMs <= 30_000;
}

/** Extra read batches a stalled channel may send beside the one in flight (the transport caps connections anyway). */
const MAX_STALLED_BATCHES = 3;

export function readKey(call: WhmCall): string {
  return `${call.function}\u0000${JSON.stringify(call.params)}`;
}

/**
 * When a read ran at WHM, as far as the gateway can know: between the moment its HTTP request left
 * and the moment the answer was in, and, within one request, after the commands before it (WHM runs
 * a `batch` request's commands in order). The answer of a shared or reused read keeps its stamp.
 */
export interface ReadStamp {
  /** The HTTP request that carried it (a batch split at maxBatchSize is several). */
  request: number;
  /** Its place among that request's commands. */
  index: number;
  /** Ticks of one process-wide clock. */
  sentAt: number;
  answeredAt: number;
}

/** Only these answers are stamped: the session source orders them; stamping every read would cost the others. */
const ORDERED_READS: ReadonlySet<WhmFunctionName> = new Set(['get_transfer_session_state', 'fetch_transfer_session_log']);

let clock = 0;
let lastRequest = 0;
const stamps = new WeakMap<object, ReadStamp>();

/** The stamp of a read's answer (any answer a channel gave out; undefined for anything else). */
export function readStampOf(result: unknown): ReadStamp | undefined {
  return typeof result === 'object' && result !== null ? stamps.get(result) : undefined;
}

/** Whether the read stamped `first` surely ran at WHM before the one stamped `second`. */
export function readBefore(first: ReadStamp, second: ReadStamp): boolean {
  if (first.request === second.request) return first.index < second.index;
  return first.answeredAt < second.sentAt;
}

/** Stamps the answers of `count` reads sent now, in order, `perRequest` to an HTTP request. */
function stampsFor(count: number, perRequest: number): (result: unknown, index: number) => void {
  const firstRequest = lastRequest + 1;
  lastRequest += Math.ceil(count / perRequest);
  const sentAt = ++clock;
  let answeredAt = 0;
  return (result, index) => {
    answeredAt ||= ++clock;
    if (typeof result !== 'object' || result === null) return;
    stamps.set(result, { request: firstRequest + Math.floor(index / perRequest), index: index % perRequest, sentAt, answeredAt });
  };
}

export class WhmServerChannel {
  private queue: SharedRead[] = [];
  private readonly inFlight = new Map<string, SharedRead>();
  private readonly recent = new Map<string, { expiresAt: number; result: WhmResult<unknown> }>();
  private readBatchesInFlight = 0;
  private flushScheduled = false;
  private stallTimer: NodeJS.Timeout | null = null;
  private writeGeneration = 0;

  constructor(
    private readonly client: WhmClient,
    private readonly options: ChannelOptions,
  ) {}

  get serverName(): string {
    return this.client.serverName;
  }

  /** `batching` false sends the read alone, unshared (only to measure what batching saves). `key`: readKey(call). */
  read(call: WhmCall, meter: WhmRequestMeter, batching = true, key = readKey(call)): Promise<WhmResult<unknown>> {
    if (!batching || !isShareableRead(call.function)) return this.direct(call, meter);
    const cached = this.recent.get(key);
    if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.result);
    const shared = this.inFlight.get(key);
    if (shared && shared.writeGeneration === this.writeGeneration) {
      // Joining a read already sent: this request waits on that request too.
      if (!shared.meters.has(meter) && !this.queue.includes(shared)) meter.count += 1;
      shared.meters.add(meter);
      return shared.promise;
    }
    let resolve!: SharedRead['resolve'];
    let reject!: SharedRead['reject'];
    const promise = new Promise<WhmResult<unknown>>((onResult, onError) => {
      resolve = onResult;
      reject = onError;
    });
    const read: SharedRead = {
      call,
      key,
      writeGeneration: this.writeGeneration,
      meters: new Set([meter]),
      promise,
      resolve,
      reject,
    };
    this.inFlight.set(key, read);
    this.queue.push(read);
    this.scheduleFlush();
    return promise;
  }

  /** A write goes alone and at once; it also ends the sharing of reads made before it. */
  async write(call: WhmCall, meter: WhmRequestMeter): Promise<WhmResult<unknown>> {
    this.invalidateReads();
    try {
      return await this.direct(call, meter);
    } finally {
      this.invalidateReads();
    }
  }

  /** Several writes of one mutation as one WHM `batch` (each succeeds or fails alone). */
  async writeBatch(calls: readonly WhmCall[], meter: WhmRequestMeter) {
    this.invalidateReads();
    meter.count += Math.ceil(calls.length / this.client.maxBatchSize);
    try {
      return await this.client.batch([...calls]);
    } finally {
      this.invalidateReads();
    }
  }

  private invalidateReads(): void {
    this.writeGeneration += 1;
    this.recent.clear();
  }

  private direct(call: WhmCall, meter: WhmRequestMeter): Promise<WhmResult<unknown>> {
    meter.count += 1;
    if (!ORDERED_READS.has(call.function)) return this.client.call(call.function, call.params);
    const stamp = stampsFor(1, 1);
    return this.client.call(call.function, call.params).then((result) => {
      stamp(result, 0);
      return result;
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    if (this.readBatchesInFlight >= this.options.maxReadBatchesInFlight) {
      // Normally the batch in flight returns soon and these reads leave with the next one; if it
      // does not, they leave on their own after readStallMs (at most MAX_STALLED_BATCHES extra).
      if (this.stallTimer === null && this.readBatchesInFlight < this.options.maxReadBatchesInFlight + MAX_STALLED_BATCHES) {
        this.stallTimer = setTimeout(() => {
          this.stallTimer = null;
          if (this.queue.length > 0 && !this.flushScheduled) this.flush();
        }, this.options.readStallMs);
      }
      return;
    }
    this.flushScheduled = true;
    // After this turn's promise jobs, so every read the resolvers of one tier make leaves together.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.stallTimer !== null) {
      clearTimeout(this.stallTimer);
      this.stallTimer = null;
    }
    const reads = this.queue;
    if (reads.length === 0) return;
    this.queue = [];
    const [only] = reads;
    const httpRequests = reads.length === 1 ? 1 : Math.ceil(reads.length / this.client.maxBatchSize);
    for (const meter of new Set(reads.flatMap((read) => [...read.meters]))) meter.count += httpRequests;
    this.readBatchesInFlight += 1;
    const stamp = stampsFor(reads.length, reads.length === 1 ? 1 : this.client.maxBatchSize);
    const sent: Promise<void> =
      reads.length === 1 && only
        ? // A lone read goes as itself: one request either way, and it keeps its own retry rules.
          this.client.call(only.call.function, only.call.params as never).then(
            (result) => {
              if (ORDERED_READS.has(only.call.function)) stamp(result, 0);
              this.settle(only, true, result);
            },
            (error: unknown) => this.settle(only, false, error),
          )
        : this.client.batch(reads.map((read) => read.call)).then(
            (outcomes) =>
              reads.forEach((read, index) => {
                const outcome = outcomes[index];
                if (outcome?.ok) {
                  if (ORDERED_READS.has(read.call.function)) stamp(outcome.value, index);
                  this.settle(read, true, outcome.value);
                } else this.settle(read, false, outcome ? outcome.error : new Error('WHM batch returned too few results'));
              }),
            (error: unknown) => reads.forEach((read) => this.settle(read, false, error)),
          );
    void sent.finally(() => {
      this.readBatchesInFlight -= 1;
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  private settle(read: SharedRead, ok: boolean, value: unknown): void {
    if (this.inFlight.get(read.key) === read) this.inFlight.delete(read.key);
    if (!ok) {
      read.reject(value);
      return;
    }
    const result = value as WhmResult<unknown>;
    if (this.options.readCacheMs > 0 && read.writeGeneration === this.writeGeneration) {
      this.recent.set(read.key, { expiresAt: Date.now() + this.options.readCacheMs, result });
      this.pruneRecent();
    }
    read.resolve(result);
  }

  /** Expired answers go when the cache grows, so an idle server holds nothing for long. */
  private pruneRecent(): void {
    if (this.recent.size < 1_000) return;
    const now = Date.now();
    for (const [key, entry] of this.recent) if (entry.expiresAt <= now) this.recent.delete(key);
  }
}
