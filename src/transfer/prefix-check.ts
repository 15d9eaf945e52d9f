// How a parse state tells that the log it already read is still the start of the new text, without
// keeping that text (a 10,000-line master.log is megabytes; the cache holds many sessions).
//
// 'sampled' (default): the length did not shrink and a few windows of the old text read the same — the
//   start, 256 characters ending at the last line consumed, and 6 small windows spread between. O(1)
//   per read. A rewrite that keeps every window and the length (or grows it) goes unnoticed; WHM only
//   ever appends to master.log, so a real rewrite (new session under the same key, a truncated or
//   rotated file) changes the start or the end window.
// 'full': a SHA-256 of everything read (native, over the UTF-8 of the text), checked over the same span
//   of the new text. Exact, but O(old length) per read: ~4 ms for a 10,000-line (3 MB) log here, about
//   6 % of a full parse (bench/log-parse.ts). UTF-8 maps every lone surrogate to U+FFFD, so two texts
//   differing only in which lone surrogate they hold would pass; text decoded from HTTP has none.
import { createHash, type Hash } from 'node:crypto';

export type PrefixCheck = 'sampled' | 'full';

export interface PrefixFingerprint {
  /** The text read so far, text[0, end), is unchanged at the start of `text`. */
  matches(text: string): boolean;
  /** Now text[0, end) has been read; `text` starts with what was read before (matches returned true). */
  extend(text: string, end: number): void;
  /** Characters kept to do the check. */
  readonly retainedChars: number;
}

export function createPrefixFingerprint(check: PrefixCheck): PrefixFingerprint {
  return check === 'full' ? new HashedPrefix() : new SampledPrefix();
}

const HEAD_WINDOW = 64;
const END_WINDOW = 256;
const SPREAD_WINDOWS = 6;
const SPREAD_WINDOW = 32;

interface Window {
  at: number;
  text: string;
}

class SampledPrefix implements PrefixFingerprint {
  private end = 0;
  private windows: Window[] = [];

  get retainedChars(): number {
    return this.windows.reduce((total, window) => total + window.text.length, 0);
  }

  matches(text: string): boolean {
    if (text.length < this.end) return false;
    return this.windows.every((window) => text.startsWith(window.text, window.at));
  }

  extend(text: string, end: number): void {
    this.end = end;
    const windows = [windowOf(text, 0, Math.min(HEAD_WINDOW, end)), windowOf(text, Math.max(0, end - END_WINDOW), end)];
    for (let index = 1; index <= SPREAD_WINDOWS; index += 1) {
      const at = Math.floor((end * index) / (SPREAD_WINDOWS + 1));
      windows.push(windowOf(text, at, Math.min(end, at + SPREAD_WINDOW)));
    }
    this.windows = windows;
  }
}

function windowOf(text: string, from: number, to: number): Window {
  return { at: from, text: detachString(text.slice(from, to)) };
}

class HashedPrefix implements PrefixFingerprint {
  readonly retainedChars = 0;
  private end = 0;
  /** SHA-256 state over text[0, end), extended as lines are read; `digest` is its value. */
  private readonly hash: Hash = createHash('sha256');
  private digest: Buffer = this.hash.copy().digest();

  matches(text: string): boolean {
    if (text.length < this.end) return false;
    return createHash('sha256').update(text.slice(0, this.end)).digest().equals(this.digest);
  }

  extend(text: string, end: number): void {
    this.hash.update(text.slice(this.end, end));
    this.digest = this.hash.copy().digest();
    this.end = end;
  }
}

/**
 * A copy of `text` that does not keep its parent alive. V8 represents a long slice as a view into the
 * string it was cut from, so keeping a 256-character window of a 5 MB log would keep the 5 MB.
 */
export function detachString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
