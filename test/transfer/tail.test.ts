// Returning the end of a log: whole lines only, with a flag when anything was cut.
import { describe, expect, it } from 'vitest';
import { capLogSize, tailLines, tailLog, utf8ByteLength } from '../../src/transfer/index.js';

const log = 'one\ntwo\nthree\nfour\n';

describe('tailLines', () => {
  it('keeps the last N lines with their newlines', () => {
    expect(tailLines(log, 2)).toEqual({ text: 'three\nfour\n', lineCount: 2, totalLines: 4, omittedLines: 2, truncated: true });
  });

  it('returns everything, untruncated, when N covers the log', () => {
    expect(tailLines(log, 4)).toMatchObject({ text: log, truncated: false, omittedLines: 0 });
    expect(tailLines(log, 100)).toMatchObject({ text: log, truncated: false });
    expect(tailLines(log, Number.POSITIVE_INFINITY)).toMatchObject({ text: log, truncated: false });
  });

  it('handles a last line without a newline (a log still being written)', () => {
    expect(tailLines('a\nb\npartial', 1)).toMatchObject({ text: 'partial', lineCount: 1, totalLines: 3, truncated: true });
    expect(tailLines('a\nb\npartial', 2).text).toBe('b\npartial');
  });

  it('keeps nothing for 0, negative or NaN, and rounds fractions down', () => {
    expect(tailLines(log, 0)).toMatchObject({ text: '', lineCount: 0, omittedLines: 4, truncated: true });
    expect(tailLines(log, -3).text).toBe('');
    expect(tailLines(log, Number.NaN).text).toBe('');
    expect(tailLines(log, 1.9).text).toBe('four\n');
  });

  it('treats empty lines as lines and an empty log as none', () => {
    expect(tailLines('a\n\n\n', 2)).toMatchObject({ text: '\n\n', lineCount: 2, totalLines: 3 });
    expect(tailLines('', 5)).toEqual({ text: '', lineCount: 0, totalLines: 0, omittedLines: 0, truncated: false });
  });
});

describe('capLogSize', () => {
  it('keeps the whole lines at the end that fit in the byte budget', () => {
    // "four\n" = 5 bytes, "three\n" = 6 bytes.
    expect(capLogSize(log, 11)).toMatchObject({ text: 'three\nfour\n', truncated: true, omittedLines: 2 });
    expect(capLogSize(log, 10)).toMatchObject({ text: 'four\n', truncated: true });
    expect(capLogSize(log, 1000)).toMatchObject({ text: log, truncated: false });
  });

  it('never cuts a line in half, even if that leaves nothing', () => {
    expect(capLogSize(log, 4)).toMatchObject({ text: '', lineCount: 0, truncated: true });
  });

  it('measures UTF-8 bytes, not UTF-16 units', () => {
    const text = 'ascii\n“quoted”\n';
    // Each curly quote is 3 bytes in UTF-8: 3 + 6 + 3 + 1.
    expect(utf8ByteLength('“quoted”\n')).toBe(13);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    expect(capLogSize(text, 13).text).toBe('“quoted”\n');
    expect(capLogSize(text, 12).text).toBe('');
  });
});

describe('tailLog', () => {
  it('applies both limits and reports the cut against the original', () => {
    expect(tailLog(log, { maxLines: 3, maxBytes: 11 })).toEqual({
      text: 'three\nfour\n',
      lineCount: 2,
      totalLines: 4,
      omittedLines: 2,
      truncated: true,
    });
    expect(tailLog(log, { maxLines: 1, maxBytes: 1000 }).text).toBe('four\n');
    expect(tailLog(log, {})).toMatchObject({ text: log, truncated: false });
  });
});
