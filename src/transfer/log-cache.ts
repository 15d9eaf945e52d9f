// Parse states for many sessions, least recently used first out. One instance serves a whole process:
// parse is synchronous, so two requests can never interleave inside one state.
import { IncrementalTransferLogParser, type TransferLogUpdate } from './incremental.js';
import type { ParsedTransferLog } from './log-parser.js';
import type { PrefixCheck } from './prefix-check.js';

export interface TransferLogCacheOptions {
  /** Sessions kept at most. Default 1000. */
  maxSessions?: number;
  /** Estimated bytes kept at most, over all sessions (IncrementalTransferLogParser.retainedBytes). Default 256 MiB. */
  maxRetainedBytes?: number;
  /** Default 'sampled' (see prefix-check.ts). */
  prefixCheck?: PrefixCheck;
}

export interface TransferLogCacheStats {
  sessions: number;
  retainedBytes: number;
  /** parse calls by what they did (TransferLogUpdate.mode). */
  fresh: number;
  appends: number;
  reparses: number;
  /** Sessions dropped to stay within the limits (a session larger than the byte limit alone counts too). */
  evictions: number;
  /** Physical lines read over all calls: with appends, this grows with what was appended, not with log size. */
  linesRead: number;
}

interface Entry {
  parser: IncrementalTransferLogParser;
  bytes: number;
}

export const DEFAULT_MAX_CACHED_SESSIONS = 1000;
export const DEFAULT_MAX_CACHED_BYTES = 256 * 1024 * 1024;

export class TransferLogCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxSessions: number;
  private readonly maxRetainedBytes: number;
  private readonly prefixCheck: PrefixCheck;
  private totalBytes = 0;
  private readonly counters = { fresh: 0, appends: 0, reparses: 0, evictions: 0, linesRead: 0 };

  constructor(options: TransferLogCacheOptions = {}) {
    this.maxSessions = positiveLimit(options.maxSessions, DEFAULT_MAX_CACHED_SESSIONS, 'maxSessions');
    this.maxRetainedBytes = positiveLimit(options.maxRetainedBytes, DEFAULT_MAX_CACHED_BYTES, 'maxRetainedBytes');
    this.prefixCheck = options.prefixCheck ?? 'sampled';
  }

  /**
   * parseTransferLog(text), reusing what was parsed for `key` before when the log only grew.
   * `key` names one log, e.g. `${server}\u0000${sessionId}`. Never throws. Treat the result as read-only:
   * its event objects are shared with later results for the same key.
   */
  parse(key: string, text: string): ParsedTransferLog {
    const existing = this.entries.get(key);
    const entry = existing ?? { parser: new IncrementalTransferLogParser({ prefixCheck: this.prefixCheck }), bytes: 0 };
    if (existing !== undefined) this.entries.delete(key); // re-inserted below: Map order is recency order
    const result = entry.parser.parse(text);
    this.count(entry.parser.lastUpdate);

    this.totalBytes -= entry.bytes;
    entry.bytes = entry.parser.retainedBytes;
    this.totalBytes += entry.bytes;
    this.entries.set(key, entry);
    this.evict();
    return result;
  }

  /** What the last parse for `key` did, if the key is still cached. */
  lastUpdate(key: string): TransferLogUpdate | undefined {
    return this.entries.get(key)?.parser.lastUpdate;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Forget one log (e.g. when its session is deleted). */
  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get retainedBytes(): number {
    return this.totalBytes;
  }

  stats(): TransferLogCacheStats {
    return { sessions: this.entries.size, retainedBytes: this.totalBytes, ...this.counters };
  }

  private count(update: TransferLogUpdate): void {
    this.counters.linesRead += update.linesRead;
    if (update.mode === 'fresh') this.counters.fresh += 1;
    else if (update.mode === 'append') this.counters.appends += 1;
    else this.counters.reparses += 1;
  }

  /** Oldest first; the entry just used goes last, and alone only if it is over the byte limit by itself. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxSessions && this.totalBytes <= this.maxRetainedBytes) return;
      this.entries.delete(key);
      this.totalBytes -= entry.bytes;
      this.counters.evictions += 1;
    }
  }
}

function positiveLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 1)) throw new RangeError(`TransferLogCache: ${name} must be at least 1 (got ${value}).`);
  return value;
}
