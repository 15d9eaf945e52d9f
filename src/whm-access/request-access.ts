// What resolvers use to reach WHM, one per GraphQL request: the caller's server allowance is
// checked before anything is queued; reads are cached for the request and ride the server's shared
// channel; writes go alone, are never retried, and clear what the request had read. Every call,
// read or write, is counted here (the request log's `whmRequests`).
import { GraphQLError } from 'graphql';
import type { BatchOutcome, WhmCall, WhmDataOf, WhmFunctionName, WhmParamsOf, WhmResult } from '../whm/index.js';
import { WhmApiError, WhmTimeoutError, WhmTransportError } from '../whm/index.js';
import { missingDataError, whmCallError, whmErrorOf } from './errors.js';
import { readKey, type WhmRequestMeter, type WhmServerChannel } from './server-channel.js';

/** Resolves a server name the caller gave (or none: the default), refusing servers they may not use. */
export interface ServerAuthorizer {
  resolve(name: string | null | undefined, field?: readonly (string | number)[]): { entry: { name: string } };
}

/** Records each write before it is sent and its outcome after (src/durability/write-journal.ts). */
export interface WriteRecorder {
  /** Rejects when the intent cannot be recorded: the write is then not sent. */
  begin(server: string, calls: readonly WhmCall[]): Promise<string[]>;
  finish(ids: readonly string[], outcome: 'SUCCEEDED' | 'REFUSED' | 'FAILED' | 'UNKNOWN', detail: string | null): Promise<void>;
}

export interface WhmAccessOptions {
  servers: ServerAuthorizer;
  channelFor(server: string): WhmServerChannel;
  /** False sends every call on its own (only to measure what batching saves). */
  batching: boolean;
  recorder?: WriteRecorder;
  /** The request's deadline: once it returns an error, no new call is sent and each gets that error. */
  expired?: () => Error | null;
}

/** What became of a write, for the journal: WHM refused, certainly did nothing, or may have acted. */
function outcomeOf(error: unknown): 'REFUSED' | 'FAILED' | 'UNKNOWN' {
  const original = whmErrorOf(error);
  if (original instanceof WhmApiError) return 'REFUSED';
  if ((original instanceof WhmTransportError || original instanceof WhmTimeoutError) && !original.requestMayHaveBeenReceived)
    return 'FAILED';
  return 'UNKNOWN';
}

export class WhmAccess {
  private readonly meter: WhmRequestMeter = { count: 0 };
  /** This request's reads per server, by read key: the same read twice is one read (failures included). */
  private readonly reads = new Map<string, Map<string, Promise<WhmResult<unknown>>>>();

  constructor(private readonly options: WhmAccessOptions) {}

  /** WHM HTTP requests this GraphQL request made or waited on. */
  get requestCount(): number {
    return this.meter.count;
  }

  /** One read, with WHM's whole answer (warnings, messages). Same call twice in a request: one read. */
  async read<F extends WhmFunctionName>(server: string, fn: F, params: WhmParamsOf<F>): Promise<WhmResult<WhmDataOf<F>>> {
    this.refuseWhenExpired();
    const name = this.options.servers.resolve(server).entry.name;
    try {
      return (await this.shareRead(name, { function: fn, params } as WhmCall)) as WhmResult<WhmDataOf<F>>;
    } catch (error) {
      throw whmCallError(error, fn);
    }
  }

  /** The data of one read; WHM_PROTOCOL_ERROR when WHM left it out. */
  async readData<F extends WhmFunctionName>(server: string, fn: F, params: WhmParamsOf<F>): Promise<NonNullable<WhmDataOf<F>>> {
    const { data } = await this.read(server, fn, params);
    if (data === null || data === undefined) throw missingDataError(server, fn);
    return data;
  }

  /** One write, alone and at once. What this request read from that server is read again afterwards. */
  async write<F extends WhmFunctionName>(server: string, fn: F, params: WhmParamsOf<F>): Promise<WhmResult<WhmDataOf<F>>> {
    this.refuseWhenExpired();
    const name = this.options.servers.resolve(server).entry.name;
    const call = { function: fn, params } as WhmCall;
    const journal = await this.begin(name, [call]);
    try {
      const result = (await this.options.channelFor(name).write(call, this.meter)) as WhmResult<WhmDataOf<F>>;
      await this.finish(journal, 'SUCCEEDED', null);
      return result;
    } catch (error) {
      const failure = whmCallError(error, fn);
      await this.finish(journal, outcomeOf(failure), failure instanceof Error ? failure.message : null);
      throw failure;
    } finally {
      this.forget(name);
    }
  }

  /** The data a write must return; WHM_PROTOCOL_ERROR (WHM may have acted) when it is missing. */
  requireData<F extends WhmFunctionName>(server: string, fn: F, result: WhmResult<WhmDataOf<F>>): NonNullable<WhmDataOf<F>> {
    if (result.data === null || result.data === undefined) throw missingDataError(server, fn);
    return result.data;
  }

  /** Writes of one mutation in WHM `batch` requests; each call succeeds or fails alone. */
  async writeBatch<F extends WhmFunctionName>(
    server: string,
    calls: readonly WhmCall<F>[],
  ): Promise<BatchOutcome<WhmDataOf<F>>[]> {
    this.refuseWhenExpired();
    const name = this.options.servers.resolve(server).entry.name;
    const journal = await this.begin(name, calls);
    try {
      const outcomes = await this.options.channelFor(name).writeBatch(calls, this.meter);
      // One outcome per call: the journal learns each.
      await Promise.all(
        outcomes.map((outcome, index) =>
          this.finish(
            journal.slice(index, index + 1),
            outcome.ok ? 'SUCCEEDED' : outcomeOf(outcome.error),
            outcome.ok ? null : outcome.error.message,
          ),
        ),
      );
      return outcomes;
    } finally {
      this.forget(name);
    }
  }

  /** Past the request's deadline its execution is abandoned: nothing new goes to WHM, read or write. */
  private refuseWhenExpired(): void {
    const expired = this.options.expired?.();
    if (expired) throw expired;
  }

  /** Nothing is sent to WHM unless its intent is on record. */
  private async begin(server: string, calls: readonly WhmCall[]): Promise<string[]> {
    if (!this.options.recorder) return [];
    try {
      return await this.options.recorder.begin(server, calls);
    } catch (error) {
      throw new GraphQLError(
        'The gateway could not record this write before sending it, so it did not send it to WHM. Try again.',
        {
          originalError: error instanceof Error ? error : undefined,
          extensions: { code: 'REGISTRY_UNAVAILABLE', whmMayHaveActed: false },
        },
      );
    }
  }

  /** A journal that cannot learn the outcome leaves the intent open: it reads as unknown later. */
  private async finish(
    ids: readonly string[],
    outcome: 'SUCCEEDED' | 'REFUSED' | 'FAILED' | 'UNKNOWN',
    detail: string | null,
  ): Promise<void> {
    if (ids.length > 0) await this.options.recorder?.finish(ids, outcome, detail).catch(() => undefined);
  }

  /** Forgets what this request read (from one server, or all), after WHM may have changed. */
  forget(server?: string): void {
    if (server === undefined) this.reads.clear();
    else this.reads.delete(server);
  }

  /**
   * No batching here: the server's channel gathers every read made in one turn of the event loop,
   * from this request and the others, into one WHM `batch`.
   */
  private shareRead(server: string, call: WhmCall): Promise<WhmResult<unknown>> {
    let reads = this.reads.get(server);
    if (!reads) {
      reads = new Map();
      this.reads.set(server, reads);
    }
    const key = readKey(call);
    let read = reads.get(key);
    if (!read) {
      read = this.options.channelFor(server).read(call, this.meter, this.options.batching, key);
      reads.set(key, read);
    }
    return read;
  }
}
