// Webhook signatures (what receivers verify), retry timing, event ids, and the GATEWAY_WEBHOOKS file.
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import {
  DEFAULT_RETRY_POLICY,
  nextAttemptAt,
  retryDelayMs,
  signWebhook,
  verifyWebhookSignature,
} from '../../src/webhooks/index.js';
import { sessionOfChannel } from '../../src/webhooks/bus.js';
import { webhookEventId } from '../../src/webhooks/events.js';
import { sessionChannel } from '../../src/live/index.js';

const SECRET = 'whsec-0123456789abcdef0123456789abcdef';
const BODY = '{"id":"evt_1","type":"session.finished"}';

describe('webhook signatures', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, BODY, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies within the tolerance, and refuses another body, secret, time or a malformed header', () => {
    const header = signWebhook(SECRET, BODY, 1_700_000_000);
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: 1_700_000_100 })).toBe(true);
    expect(verifyWebhookSignature(SECRET, `${BODY} `, header, { nowSeconds: 1_700_000_100 })).toBe(false);
    expect(verifyWebhookSignature(`${SECRET}x`, BODY, header, { nowSeconds: 1_700_000_100 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: 1_700_000_301 })).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, BODY, header.replace('t=1700000000', 't=1700000001'), { nowSeconds: 1_700_000_000 }),
    ).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', 't=abc,v1=00', `t=1700000000,v1=${'0'.repeat(63)}`]) {
      expect(verifyWebhookSignature(SECRET, BODY, bad, { nowSeconds: 1_700_000_000 })).toBe(false);
    }
    // Several v1 values (a receiver rotating secrets may be sent both): one match is enough.
    const other = signWebhook('another-secret-another-secret-0000', BODY, 1_700_000_000).split(',')[1];
    expect(verifyWebhookSignature(SECRET, BODY, `${header},${other}`, { nowSeconds: 1_700_000_000 })).toBe(true);
  });
});

describe('webhook retry timing', () => {
  const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, giveUpAfterMs: 24 * 3600_000 };

  it('doubles from the base, capped, with jitter between half and all of it', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(policy, attempts, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(policy, attempts, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelayMs(policy, 50, () => 1)).toBe(60_000);
    expect(retryDelayMs(policy, 50, () => 0)).toBe(30_000);
    const jittered = new Set(Array.from({ length: 20 }, () => retryDelayMs(policy, 3)));
    expect(jittered.size).toBeGreaterThan(1);
    expect([...jittered].every((delay) => delay >= 2_000 && delay <= 4_000)).toBe(true);
  });

  it('retries for 24 hours from the event, the last attempt on the deadline, then gives up', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    const at = (ms: number) => new Date(created.getTime() + ms);
    expect(nextAttemptAt(policy, created, 1, at(0), () => 1)).toEqual(at(1_000));
    expect(nextAttemptAt(policy, created, 30, at(24 * 3600_000 - 10_000), () => 1)).toEqual(at(24 * 3600_000));
    expect(nextAttemptAt(policy, created, 31, at(24 * 3600_000), () => 1)).toBeNull();
    expect(DEFAULT_RETRY_POLICY.giveUpAfterMs).toBe(24 * 3600_000);
  });
});

describe('webhook event ids and channels', () => {
  it('depend only on server, session, type and what distinguishes the event', () => {
    const id = webhookEventId('east', 'abc', 'item.failed', 'e1.15');
    expect(id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(webhookEventId('east', 'abc', 'item.failed', 'e1.15')).toBe(id);
    expect(
      new Set([id, webhookEventId('west', 'abc', 'item.failed', 'e1.15'), webhookEventId('east', 'abc', 'item.failed', 'e1.16')])
        .size,
    ).toBe(3);
  });

  it('reads a session back from its live channel, and nothing from other channels', () => {
    const key = { server: 'east-1.example', id: 'host_copy_2026' };
    expect(sessionOfChannel(sessionChannel(key))).toEqual(key);
    expect(sessionOfChannel('rate:east:x')).toBeNull();
    expect(sessionOfChannel('session:a:b:c')).toBeNull();
  });
});

describe('GATEWAY_WEBHOOKS', () => {
  const directory = mkdtempSync(join(tmpdir(), 'gateway-webhooks-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(directory, name), text);
    return name;
  };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env, directory);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('is off when unset', () => {
    expect(loadConfig({}, directory).webhooks).toEqual([]);
  });

  it('reads targets from YAML, the secret from the variable secretEnv names, all events by default', () => {
    const name = file(
      'hooks.yaml',
      [
        'webhooks:',
        '  - name: ops',
        '    url: https://hooks.example.com/whm?token=abc',
        '    secretEnv: OPS_SECRET',
        '  - name: restores',
        '    url: http://127.0.0.1:9000/in',
        '    events: [restore.finished, item.failed]',
        '    servers: [east]',
        '    secretEnv: RESTORE_SECRET',
        '    timeoutMs: 2500',
      ].join('\n'),
    );
    const config = loadConfig(
      {
        GATEWAY_WEBHOOKS: name,
        OPS_SECRET: SECRET,
        RESTORE_SECRET: `${SECRET}-2`,
        WHM_CONFIG: file(
          'servers.json',
          JSON.stringify({ servers: [{ name: 'east', url: 'https://e.example.com:2087', token: 't' }] }),
        ),
      },
      directory,
    );
    expect(config.webhooks).toEqual([
      expect.objectContaining({
        name: 'ops',
        events: ['session.state_changed', 'session.finished', 'item.failed', 'restore.finished'],
        servers: null,
        timeoutMs: 10_000,
      }),
      expect.objectContaining({
        name: 'restores',
        url: 'http://127.0.0.1:9000/in',
        events: ['restore.finished', 'item.failed'],
        servers: ['east'],
        timeoutMs: 2_500,
      }),
    ]);
    expect(config.webhooks[0]?.secret.reveal()).toBe(SECRET);
    // The secret never prints.
    expect(inspect(config.webhooks, { depth: 5 }) + JSON.stringify(config.webhooks)).not.toContain(SECRET);
  });

  it('reports every problem at once, naming the variable but never showing the secret', () => {
    const name = file(
      'bad.json',
      JSON.stringify({
        webhooks: [
          { name: 'ok', url: 'ftp://x.example.com', events: ['session.exploded'], secretEnv: 'SHORT' },
          { name: 'ok', url: 'https://x.example.com', secret: 'inline-secret' },
          { name: 'three', url: 'https://x.example.com', secretEnv: 'MISSING', servers: ['nowhere'] },
        ],
      }),
    );
    const problems = problemsOf({
      GATEWAY_WEBHOOKS: name,
      SHORT: 'too-short-secret',
      WHM_URL: 'https://whm.example.com:2087',
      WHM_TOKEN: 't',
    });
    expect(problems).toEqual([
      'GATEWAY_WEBHOOKS webhooks[0]: url must start with https:// or http://',
      expect.stringContaining('GATEWAY_WEBHOOKS webhooks[0]: events must be a non-empty list of session.state_changed'),
      'GATEWAY_WEBHOOKS webhooks[0]: the secret in SHORT must be at least 32 bytes, not one repeated character',
      'GATEWAY_WEBHOOKS webhooks[1]: put the secret in an environment variable and name it in secretEnv',
      'GATEWAY_WEBHOOKS webhooks[2]: servers names unknown server(s) nowhere',
      'GATEWAY_WEBHOOKS webhooks[2]: environment variable MISSING (secretEnv) is not set',
    ]);
    expect(problems.join('\n')).not.toMatch(/too-short-secret|inline-secret/);
    expect(problemsOf({ GATEWAY_WEBHOOKS: 'nope.yaml' })).toEqual([
      expect.stringMatching(/GATEWAY_WEBHOOKS: file .*nope\.yaml does not exist/),
    ]);
    expect(problemsOf({ GATEWAY_WEBHOOKS: file('empty.yaml', 'webhooks: []') })).toEqual([
      expect.stringContaining('non-empty "webhooks" list'),
    ]);
  });
});
