// What resolvers use to reach WHM, one per GraphQL request: the caller's server allowance is
// checked before anything is queued; reads are cached for the request and ride the server's shared
// channel; writes go alone, are never retried, and clear what the request had read. Every call,
// read or write, is counted here (the request log's `whmRequests`).
import DataLoader from 'dataloader';
import type { BatchOutcome, WhmCall, WhmDataOf, WhmFunctionName, WhmParamsOf, WhmResult } from '../whm/index.js';
import { missingDataError, whmCallError } from './errors.js';
import { readKey, type WhmRequestMeter, type WhmServerChannel } from './server-channel.js';

/** Resolves a server name the caller gave (or none: the default), refusing servers they may not use. */
export interface ServerAuthorizer {
  resolve(name: string | null | undefined, field?: readonly (string | number)[]): { entry: { name: string } };
}

export interface WhmAccessOptions {
  servers: ServerAuthorizer;
  channelFor(server: string): WhmServerChannel;
  /** False sends every call on its own (only to measure what batching saves). */
  batching: boolean;
}

type ReadLoader = DataLoader<WhmCall, WhmResult<unknown>, string>;

export class WhmAccess {
  private readonly meter: WhmRequestMeter = { count: 0 };
  private readonly readers = new Map<string, ReadLoader>();

  constructor(private readonly options: WhmAccessOptions) {}

  /** WHM HTTP requests this GraphQL request made or waited on. */
  get requestCount(): number {
    return this.meter.count;
  }

  /** One read, with WHM's whole answer (warnings, messages). Same call twice in a request: one read. */
  async read<F extends WhmFunctionName>(server: string, fn: F, params: WhmParamsOf<F>): Promise<WhmResult<WhmDataOf<F>>> {
    const name = this.options.servers.resolve(server).entry.name;
    try {
      return (await this.readerFor(name).load({ function: fn, params } as WhmCall)) as WhmResult<WhmDataOf<F>>;
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
    const name = this.options.servers.resolve(server).entry.name;
    try {
      return (await this.options.channelFor(name).write({ function: fn, params } as WhmCall, this.meter)) as WhmResult<WhmDataOf<F>>;
    } catch (error) {
      throw whmCallError(error, fn);
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
  async writeBatch<F extends WhmFunctionName>(server: string, calls: readonly WhmCall<F>[]): Promise<BatchOutcome<WhmDataOf<F>>[]> {
    const name = this.options.servers.resolve(server).entry.name;
    try {
      return await this.options.channelFor(name).writeBatch(calls, this.meter);
    } finally {
      this.forget(name);
    }
  }

  /** Forgets what this request read (from one server, or all), after WHM may have changed. */
  forget(server?: string): void {
    if (server === undefined) this.readers.forEach((reader) => reader.clearAll());
    else this.readers.get(server)?.clearAll();
  }

  private readerFor(server: string): ReadLoader {
    let reader = this.readers.get(server);
    if (!reader) {
      const channel = this.options.channelFor(server);
      const { batching } = this.options;
      reader = new DataLoader<WhmCall, WhmResult<unknown>, string>(
        (calls) =>
          Promise.all(
            calls.map((call) =>
              channel.read(call, this.meter, batching).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
            ),
          ),
        // The request cache stays on either way: only batching is what the benchmark switches off.
        { cacheKeyFn: readKey, batch: batching },
      );
      this.readers.set(server, reader);
    }
    return reader;
  }
}
