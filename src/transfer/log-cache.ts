// Parse states for many sessions, least recently used first out. One instance serves a whole process:
// parse is synchronous, so two requests can never interleave inside one state.
//
// A session in a final state writes nothing more to master.log, so its parsed log is kept as final and
// answered without reading WHM again. Final only when a final state was read BEFORE the log text (the
// last line is written before the state flips): the caller stamps each read, and `readOrder` says
// whether one read surely ran before another.
import { IncrementalTransferLogParser, type TransferLogUpdate } from './incremental.js';
import type { ParsedTransferLog } from './log-parser.js';
import type { PrefixCheck } from './prefix-check.js';

export interface TransferLogCacheOptions<Stamp = unknown> {
  /** Sessions kept at most. Default 1000. */
  maxSessions?: number;
  /** Estimated bytes kept at most, over all sessions (IncrementalTransferLogParser.retainedBytes). Default 256 MiB. */
  maxRetainedBytes?: number;
  /** Default 'sampled' (see prefix-check.ts). */
  prefixCheck?: PrefixCheck;
  /** Whether the read stamped `first` surely ran before the one stamped `second`. Default: never known, so nothing is final. */
  readOrder?: (first: Stamp, second: Stamp) => boolean;
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
  /** Sessions whose log is final now. */
  finalSessions: number;
  /** finalLog calls answered (no WHM read needed). */
  finalHits: number;
}

interface Entry<Stamp> {
  /** null while only a final state was seen (no log read yet). */
  parser: IncrementalTransferLogParser | null;
  bytes: number;
  /** The read of the text last parsed, and its result. */
  logRead: Stamp | undefined;
  result: ParsedTransferLog | null;
  /** The earliest read that found the session in a final state, while nothing since said otherwise. */
  terminalRead: Stamp | undefined;
  /** `result`, once it is known to be the session's last. */
  final: ParsedTransferLog | null;
}

export const DEFAULT_MAX_CACHED_SESSIONS = 1000;
export const DEFAULT_MAX_CACHED_BYTES = 256 * 1024 * 1024;
/** What an entry that holds only a final state's stamp is counted as. */
const STATE_ONLY_BYTES = 256;

export class TransferLogCache<Stamp = unknown> {
  private readonly entries = new Map<string, Entry<Stamp>>();
  private readonly maxSessions: number;
  private readonly maxRetainedBytes: number;
  private readonly prefixCheck: PrefixCheck;
  private readonly readOrder: (first: Stamp, second: Stamp) => boolean;
  private totalBytes = 0;
  private finalCount = 0;
  private readonly counters = { fresh: 0, appends: 0, reparses: 0, evictions: 0, linesRead: 0, finalHits: 0 };

  constructor(options: TransferLogCacheOptions<Stamp> = {}) {
    this.maxSessions = positiveLimit(options.maxSessions, DEFAULT_MAX_CACHED_SESSIONS, 'maxSessions');
    this.maxRetainedBytes = positiveLimit(options.maxRetainedBytes, DEFAULT_MAX_CACHED_BYTES, 'maxRetainedBytes');
    this.prefixCheck = options.prefixCheck ?? 'sampled';
    this.readOrder = options.readOrder ?? (() => false);
  }

  /**
   * parseTransferLog(text), reusing what was parsed for `key` before when the log only grew.
   * `key` names one log, e.g. `${server}\u0000${sessionId}`. Never throws. Treat the result as read-only:
   * its event objects are shared with later results for the same key. `readAt` stamps the read that
   * gave `text`; without it the log never becomes final. A final log is returned as it is: `text`
   * can only be the same or an older read of it.
   */
  parse(key: string, text: string, readAt?: Stamp): ParsedTransferLog {
    const entry = this.take(key);
    if (entry.final !== null) {
      this.put(key, entry);
      return entry.final;
    }
    entry.parser ??= new IncrementalTransferLogParser({ prefixCheck: this.prefixCheck });
    const result = entry.parser.parse(text);
    this.count(entry.parser.lastUpdate);
    entry.logRead = readAt;
    entry.result = result;
    if (readAt !== undefined && entry.terminalRead !== undefined && this.readOrder(entry.terminalRead, readAt)) {
      this.setFinal(entry, result);
    }
    this.put(key, entry);
    return result;
  }

  /**
   * A read of the session's state: `terminal` when it is COMPLETED, ABORTED or FAILED. A final state
   * read before the last log text makes that text final; any other state drops what is final, unless
   * it was surely read before the final state (an older answer arriving late).
   */
  noteState(key: string, terminal: boolean, readAt: Stamp): void {
    const existing = this.entries.get(key);
    if (!terminal) {
      if (existing === undefined) return;
      if (existing.terminalRead !== undefined && this.readOrder(readAt, existing.terminalRead)) return;
      existing.terminalRead = undefined;
      this.setFinal(existing, null);
      return;
    }
    const entry = this.take(key);
    if (entry.final === null) {
      if (entry.result !== null && entry.logRead !== undefined && this.readOrder(readAt, entry.logRead)) {
        this.setFinal(entry, entry.result);
      }
      if (entry.terminalRead === undefined || this.readOrder(readAt, entry.terminalRead)) entry.terminalRead = readAt;
    }
    this.put(key, entry);
  }

  /** The session's last log, parsed, when it is known to be final: no need to read WHM. */
  finalLog(key: string): ParsedTransferLog | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.final === null) return undefined;
    this.counters.finalHits += 1;
    this.put(key, this.take(key));
    return entry.final;
  }

  /** The session may change again (a write was sent to it): nothing about it is final any more. */
  dropFinal(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    entry.terminalRead = undefined;
    this.setFinal(entry, null);
  }

  /** What the last parse for `key` did, if the key is still cached. */
  lastUpdate(key: string): TransferLogUpdate | undefined {
    return this.entries.get(key)?.parser?.lastUpdate;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Forget one log (e.g. when its session is deleted). */
  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.remove(key, entry);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
    this.finalCount = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get retainedBytes(): number {
    return this.totalBytes;
  }

  stats(): TransferLogCacheStats {
    return { sessions: this.entries.size, retainedBytes: this.totalBytes, finalSessions: this.finalCount, ...this.counters };
  }

  /** The entry for `key`, out of the recency order until put back. */
  private take(key: string): Entry<Stamp> {
    const existing = this.entries.get(key);
    if (existing === undefined) {
      return { parser: null, bytes: 0, logRead: undefined, result: null, terminalRead: undefined, final: null };
    }
    this.entries.delete(key); // re-inserted by put(): Map order is recency order
    return existing;
  }

  /** Back in as the most recently used, its bytes counted again, then the limits enforced. */
  private put(key: string, entry: Entry<Stamp>): void {
    this.totalBytes -= entry.bytes;
    entry.bytes = entry.parser === null ? STATE_ONLY_BYTES : entry.parser.retainedBytes;
    this.totalBytes += entry.bytes;
    this.entries.set(key, entry);
    this.evict();
  }

  private setFinal(entry: Entry<Stamp>, final: ParsedTransferLog | null): void {
    this.finalCount += (final !== null ? 1 : 0) - (entry.final !== null ? 1 : 0);
    entry.final = final;
  }

  private remove(key: string, entry: Entry<Stamp>): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    this.setFinal(entry, null);
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
      this.remove(key, entry);
      this.counters.evictions += 1;
    }
  }
}

function positiveLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 1)) throw new RangeError(`TransferLogCache: ${name} must be at least 1 (got ${value}).`);
  return value;
}
