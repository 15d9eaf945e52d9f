// Authentication settings read from the environment: weak JWT secrets are refused at start, and the
// failure budget per address is configurable.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const directory = mkdtempSync(join(tmpdir(), 'gateway-auth-config-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, directory);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('GATEWAY_JWT_SECRET', () => {
  it('is refused under 32 bytes', () => {
    expect(problemsOf({ GATEWAY_JWT_SECRET: 'abcdefghij-abcdefghij-abcdefghi' })).toEqual([
      expect.stringMatching(/GATEWAY_JWT_SECRET.*32 bytes/),
    ]);
  });

  it('is refused when made of one repeated character, however long', () => {
    expect(problemsOf({ GATEWAY_JWT_SECRET: 'a'.repeat(64) })).toEqual([expect.stringMatching(/GATEWAY_JWT_SECRET.*repeated/)]);
  });

  it('counts bytes, not characters', () => {
    // 16 characters of two bytes each, not all alike.
    expect(problemsOf({ GATEWAY_JWT_SECRET: 'éü'.repeat(8) })).toEqual([]);
    expect(problemsOf({ GATEWAY_JWT_SECRET: 'éü'.repeat(7) + 'x' })).toEqual([expect.stringMatching(/32 bytes/)]);
  });

  it('accepts a proper secret', () => {
    expect(loadConfig({ GATEWAY_JWT_SECRET: 'a-proper-secret-of-more-than-32-bytes' }, directory).auth.mode).toBe('required');
  });
});

describe('GATEWAY_AUTH_FAILURE_LIMIT', () => {
  it('defaults to 30 failures per minute per address', () => {
    expect(loadConfig({}, directory).rateLimit.authFailuresPerIpPerMinute).toBe(30);
  });

  it('is read and checked', () => {
    expect(loadConfig({ GATEWAY_AUTH_FAILURE_LIMIT: '100' }, directory).rateLimit.authFailuresPerIpPerMinute).toBe(100);
    expect(problemsOf({ GATEWAY_AUTH_FAILURE_LIMIT: '0' })).toEqual([expect.stringMatching(/GATEWAY_AUTH_FAILURE_LIMIT/)]);
  });
});
