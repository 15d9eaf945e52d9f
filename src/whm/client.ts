// The WHM API 1 client for one server: `call()` for any function of the catalogue, typed by the
// function map (types.ts), and `batch()` that packs many calls into one WHM `batch` request.
// Knows nothing of GraphQL.
import { WHM_FUNCTIONS, redactParams, type WhmFunctionInfo } from './catalogue.js';
import { decodeEnvelope, envelopeToResult, type WhmResult } from './envelope.js';
import { WhmApiError, WhmError, WhmProtocolError, type WhmCallContext } from './errors.js';
import type { BreakerState } from './breaker.js';
import { WhmTransport, stderrLogger, type WhmLogger, type WhmObserver, type WhmServerConfig } from './transport.js';
import type { WhmCall, WhmDataOf, WhmFunctionName, WhmParams, WhmParamsOf, WhmParamValue } from './types.js';

export type BatchOutcome<D = unknown> = { ok: true; value: WhmResult<D> } | { ok: false; error: WhmError };

export interface CallOptions {
  timeoutMs?: number;
}
export interface BatchOptions extends CallOptions {
  /** WHM's abort_on_error: stop at the first failing call (later calls then fail as "not run"). */
  abortOnError?: boolean;
}

export const DEFAULT_MAX_BATCH_SIZE = 200;

/** The parameters as sent: the catalogue's defaults, then every parameter the caller gave. */
function withDefaults<F extends WhmFunctionName>(info: WhmFunctionInfo<F>, params: WhmParamsOf<F>): WhmParams {
  const given = params as WhmParams;
  if (!info.defaultParams) return given;
  const sent: Record<string, WhmParamValue> = { ...(info.defaultParams as WhmParams) };
  // An explicit undefined means "not given": it must not erase a default.
  for (const [key, value] of Object.entries(given)) if (value !== undefined) sent[key] = value;
  return sent;
}

/** Appends WHM parameters to a form: booleans as 1/0 (WHM rejects true/false), arrays repeated. */
function appendParams(form: URLSearchParams, params: WhmParams): URLSearchParams {
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) form.append(key, String(item));
    else form.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return form;
}

/** One `command` value of a batch: `function?query`, itself URL-encoded again in the form body. */
function batchCommand(call: WhmCall): string {
  const query = appendParams(new URLSearchParams(), withDefaults(WHM_FUNCTIONS[call.function], call.params))
    .toString()
    // Spaces as %20 rather than "+": unambiguous after the second round of encoding.
    .replace(/\+/g, '%20');
  return query === '' ? call.function : `${call.function}?${query}`;
}

export class WhmClient {
  readonly serverName: string;
  readonly maxBatchSize: number;
  private readonly transport: WhmTransport;

  constructor(
    config: WhmServerConfig,
    private readonly logger: WhmLogger = stderrLogger,
    observer: WhmObserver | null = null,
  ) {
    this.serverName = config.name;
    this.maxBatchSize = config.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) {
      throw new Error(`WHM server "${config.name}": maxBatchSize must be a positive integer`);
    }
    this.transport = new WhmTransport(config, logger, observer);
  }

  /**
   * Calls one function of the catalogue, with its default parameters (if any) under the given ones.
   * Throws WhmApiError when WHM reports failure (`metadata.result` 0); some functions still carry
   * WHM's output in its `data` (remote_basic_credential_check, REFERENCE §2.5).
   */
  async call<F extends WhmFunctionName>(
    fn: F,
    params: WhmParamsOf<F>,
    options: CallOptions = {},
  ): Promise<WhmResult<WhmDataOf<F>>> {
    const info: WhmFunctionInfo<F> = WHM_FUNCTIONS[fn];
    const sent = withDefaults(info, params);
    if (this.debugging()) {
      this.logger.debug({ server: this.serverName, command: fn, params: redactParams(fn, sent) }, 'calling WHM');
    }
    const envelope = await this.transport.send({
      command: fn,
      body: appendParams(new URLSearchParams(), sent),
      readOnly: info.readOnly,
      timeoutMs: options.timeoutMs ?? this.transport.timeoutFor(info.timeoutMs),
      calls: 1,
    });
    return envelopeToResult<WhmDataOf<F>>(envelope, { server: this.serverName, command: fn });
  }

  /**
   * Runs many calls through WHM `batch`: one HTTP request per `maxBatchSize` calls. Outcomes come
   * back in call order; a failing call fails alone, a failed request fails only its own calls.
   */
  async batch<F extends WhmFunctionName>(
    calls: readonly WhmCall<F>[],
    options: BatchOptions = {},
  ): Promise<BatchOutcome<WhmDataOf<F>>[]> {
    const chunks: WhmCall<F>[][] = [];
    for (let start = 0; start < calls.length; start += this.maxBatchSize) {
      chunks.push(calls.slice(start, start + this.maxBatchSize));
    }
    const results = await Promise.all(chunks.map((chunk) => this.sendBatchChunk(chunk, options)));
    return results.flat();
  }

  private async sendBatchChunk<F extends WhmFunctionName>(
    calls: readonly WhmCall<F>[],
    options: BatchOptions,
  ): Promise<BatchOutcome<WhmDataOf<F>>[]> {
    const batchContext: WhmCallContext = { server: this.serverName, command: 'batch' };
    const body = new URLSearchParams();
    for (const call of calls) body.append('command', batchCommand(call));
    body.append('abort_on_error', options.abortOnError ? '1' : '0');
    const infos = calls.map((call) => WHM_FUNCTIONS[call.function]);
    if (this.debugging()) {
      const functions = calls.map((call) => call.function);
      this.logger.debug({ server: this.serverName, command: 'batch', calls: functions }, 'calling WHM batch');
    }
    let outer;
    try {
      outer = await this.transport.send({
        command: 'batch',
        body,
        // A batch is as safe to retry as its least safe call.
        readOnly: infos.every((info) => info.readOnly),
        timeoutMs: options.timeoutMs ?? this.transport.timeoutFor(Math.max(...infos.map((info) => info.timeoutMs))),
        calls: calls.length,
      });
    } catch (error) {
      if (!(error instanceof WhmError)) throw error;
      return calls.map(() => ({ ok: false, error }));
    }
    const elements = (outer.data as { result?: unknown } | null)?.result;
    if (!Array.isArray(elements)) {
      const error = outer.succeeded
        ? new WhmProtocolError(batchContext, 200, 'a batch answer without data.result', 'Is this server a WHM?')
        : new WhmApiError(batchContext, outer.reason);
      return calls.map(() => ({ ok: false, error }));
    }
    return calls.map((call, index): BatchOutcome<WhmDataOf<F>> => {
      const context: WhmCallContext = { server: this.serverName, command: call.function };
      const envelope = decodeEnvelope(elements[index], call.function);
      if (envelope === null) {
        const reason =
          index >= elements.length
            ? 'Not run: the batch stopped at an earlier failing call (abort_on_error).'
            : 'The batch answer for this call has no WHM metadata.';
        return { ok: false, error: new WhmApiError(context, reason) };
      }
      try {
        return { ok: true, value: envelopeToResult<WhmDataOf<F>>(envelope, context) };
      } catch (error) {
        return { ok: false, error: error as WhmApiError };
      }
    });
  }

  /** The server's circuit breaker: 'open' while requests fail fast (always 'closed' when disabled). */
  get breakerState(): BreakerState {
    return this.transport.breakerState;
  }

  close(): void {
    this.transport.close();
  }

  private debugging(): boolean {
    return this.logger.isDebugEnabled?.() ?? true;
  }
}
