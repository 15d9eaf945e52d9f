// Returning a log to a client: WHM hands back the whole file every time (REFERENCE §4.15), which can be
// large, so callers keep its end — whole lines only, a half JSON line being useless — and say they cut.

export interface LogTail {
  /** The kept lines, with their newlines as in the original. */
  text: string;
  /** Lines kept. */
  lineCount: number;
  /** Lines in the original text. */
  totalLines: number;
  /** Lines dropped from the start. */
  omittedLines: number;
  /** Something was dropped. */
  truncated: boolean;
}

export interface LogTailLimits {
  maxLines?: number;
  maxBytes?: number;
}

/** The last `maxLines` lines (a final newline ends the last line rather than starting another). */
export function tailLines(text: string, maxLines: number): LogTail {
  const limit = toLimit(maxLines);
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  let start = 0;
  let cursor = end;
  for (let taken = 0; taken < limit; taken += 1) {
    const newline = cursor > 0 ? text.lastIndexOf('\n', cursor - 1) : -1;
    if (newline < 0) {
      start = 0;
      break;
    }
    start = newline + 1;
    cursor = newline;
  }
  return describeTail(text, limit === 0 ? text.length : start);
}

/** The longest run of whole last lines whose UTF-8 size fits in `maxBytes` (maybe none, if the last line alone is larger). */
export function capLogSize(text: string, maxBytes: number): LogTail {
  const limit = toLimit(maxBytes);
  let start = text.length;
  let bytes = 0;
  let cursor = text.endsWith('\n') ? text.length - 1 : text.length;
  while (start > 0) {
    const newline = cursor > 0 ? text.lastIndexOf('\n', cursor - 1) : -1;
    const lineStart = newline + 1;
    const lineBytes = utf8ByteLength(text, lineStart, start);
    if (bytes + lineBytes > limit) break;
    bytes += lineBytes;
    start = lineStart;
    cursor = newline;
  }
  return describeTail(text, start);
}

/** Both limits at once; either may be omitted. */
export function tailLog(text: string, limits: LogTailLimits): LogTail {
  let start = 0;
  if (limits.maxLines !== undefined) start = text.length - tailLines(text, limits.maxLines).text.length;
  if (limits.maxBytes !== undefined) {
    const kept = text.slice(start);
    start += kept.length - capLogSize(kept, limits.maxBytes).text.length;
  }
  return describeTail(text, start);
}

/** UTF-8 size of text[from, to) without allocating: what a byte cap on the wire actually measures. */
export function utf8ByteLength(text: string, from = 0, to = text.length): number {
  let bytes = 0;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < to && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index += 1;
    } else bytes += 3; // BMP character, or a lone surrogate (encoded as U+FFFD)
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Negative or NaN limits keep nothing; Infinity keeps everything; fractions round down. */
function toLimit(value: number): number {
  if (Number.isNaN(value) || value <= 0) return 0;
  return value === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : Math.floor(value);
}

function describeTail(text: string, start: number): LogTail {
  const kept = text.slice(start);
  const totalLines = countLines(text);
  const lineCount = countLines(kept);
  return { text: kept, lineCount, totalLines, omittedLines: totalLines - lineCount, truncated: start > 0 };
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let newlines = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) newlines += 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}
