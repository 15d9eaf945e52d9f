// Reads WHM API 1 envelopes, tolerating every quirk real servers show (REFERENCE.md §3.3, §4):
// `result` as 1 or "1", `data` absent, reason in `data.reason`, warnings/messages as array or
// string, extra string-valued metadata keys (restore queue), HTML where JSON was expected.
import { WhmApiError, WhmAuthError, WhmProtocolError, type WhmCallContext } from './errors.js';

export interface WhmOutput {
  warnings: string[];
  messages: string[];
  raw: string | null;
}

/** A successful call: the function's `data` (null when WHM sent none) and its side channels. */
export interface WhmResult<D> {
  command: string;
  data: D;
  reason: string;
  output: WhmOutput;
  /** Metadata keys beyond command/reason/result/version/output (restore-queue functions add some). */
  extraMetadata: Record<string, unknown>;
}

/**
 * An envelope as decoded, success or not (from `parseHttpAnswer` for one call, `decodeEnvelope` for
 * each batch element); callers decide what a failure means (`envelopeToResult` makes it a WhmApiError).
 */
export interface WhmEnvelope {
  command: string;
  succeeded: boolean;
  reason: string;
  data: unknown;
  output: WhmOutput;
  extraMetadata: Record<string, unknown>;
}

const KNOWN_METADATA_KEYS = new Set(['command', 'reason', 'result', 'version', 'output']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A WHM value as text: an unexpected object shows as JSON, not "[object Object]". */
function asText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function toLines(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((line) => line !== null && line !== undefined).map(String);
  return asText(value)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function isSuccessFlag(value: unknown): boolean {
  return value === 1 || value === '1' || value === true;
}

/** Decodes one envelope object (top level, or one element of a batch's `data.result`). */
export function decodeEnvelope(value: unknown, fallbackCommand: string): WhmEnvelope | null {
  if (!isRecord(value) || !isRecord(value.metadata)) return null;
  const metadata = value.metadata;
  const data = 'data' in value ? value.data : null;
  const dataReason = isRecord(data) && typeof data.reason === 'string' ? data.reason : null;
  const output = isRecord(metadata.output) ? metadata.output : {};
  const extraMetadata: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(metadata)) {
    if (!KNOWN_METADATA_KEYS.has(key)) extraMetadata[key] = entry;
  }
  const succeeded = isSuccessFlag(metadata.result);
  const reason =
    typeof metadata.reason === 'string' && metadata.reason !== ''
      ? metadata.reason
      : (dataReason ?? (succeeded ? 'OK' : 'Unknown error.'));
  return {
    command: typeof metadata.command === 'string' ? metadata.command : fallbackCommand,
    succeeded,
    reason,
    data: data ?? null,
    output: {
      warnings: toLines(output.warnings),
      messages: toLines(output.messages),
      raw: typeof output.raw === 'string' ? output.raw : null,
    },
    extraMetadata,
  };
}

/** A WHM failure envelope becomes a WhmApiError; success becomes a WhmResult. */
export function envelopeToResult<D>(envelope: WhmEnvelope, context: WhmCallContext): WhmResult<D> {
  if (!envelope.succeeded) {
    throw new WhmApiError(context, envelope.reason.trimEnd(), envelope.data, envelope.output.warnings);
  }
  return {
    command: envelope.command,
    data: envelope.data as D,
    reason: envelope.reason,
    output: envelope.output,
    extraMetadata: envelope.extraMetadata,
  };
}

function snippet(body: string): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function looksLikeHtml(body: string, contentType: string): boolean {
  return /text\/html/i.test(contentType) || /^\s*</.test(body);
}

const HTML_HINT =
  'Expected JSON from /json-api: check that the URL points at WHM (port 2087, or 2086 without TLS) and not at ' +
  'cPanel (2083) or Webmail (2096), and that no proxy or login page sits in between.';

/**
 * Turns an HTTP answer into a decoded envelope, or throws the typed error that explains it.
 * 5xx answers are handled by the transport before this (they are transient).
 */
export function parseHttpAnswer(status: number, contentType: string, body: string, context: WhmCallContext): WhmEnvelope {
  if (status === 401 || status === 403) {
    const detail = looksLikeHtml(body, contentType) ? snippet(body) : body.slice(0, 160).trim();
    throw new WhmAuthError(context, status, detail || 'access denied');
  }
  if (status < 200 || status >= 300) {
    throw new WhmProtocolError(
      context,
      status,
      `an unexpected HTTP status`,
      status === 404 ? 'The function or URL does not exist here: check WHM_URL. ' + HTML_HINT : HTML_HINT,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (looksLikeHtml(body, contentType)) {
      throw new WhmProtocolError(context, status, `an HTML page ("${snippet(body)}")`, HTML_HINT);
    }
    throw new WhmProtocolError(
      context,
      status,
      body.trim() === '' ? 'an empty body' : 'a body that is not valid JSON',
      'The answer may have been cut short by a proxy or a dropped connection.',
    );
  }
  // The legacy envelope (API 0 / cpsrvd's own refusals) says "Access denied" when auth fails.
  if (isRecord(parsed) && isRecord(parsed.cpanelresult)) {
    const legacy = parsed.cpanelresult;
    const legacyData = isRecord(legacy.data) ? legacy.data : {};
    const error = asText(legacy.error ?? legacyData.reason ?? '');
    if (/access denied|permission denied|not authorized|login/i.test(error)) {
      throw new WhmAuthError(context, status, error);
    }
    throw new WhmProtocolError(
      context,
      status,
      `a legacy cpanelresult envelope (${error || 'no error text'})`,
      'WHM answered in the old API format: the request must carry api.version=1.',
    );
  }
  const envelope = decodeEnvelope(parsed, context.command);
  if (envelope === null) {
    throw new WhmProtocolError(context, status, 'JSON without a WHM API 1 metadata block', HTML_HINT);
  }
  return envelope;
}
