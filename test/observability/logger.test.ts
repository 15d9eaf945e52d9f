import { describe, expect, it } from 'vitest';
import {
  MAX_SCRUB_DEPTH,
  REDACTED,
  createLogger,
  isSecretKey,
  scrubSecrets,
  whmLoggerFrom,
} from '../../src/observability/index.js';
import { captureLines } from './helpers.js';

const SECRETS = {
  authorization: 'whm root:TOKEN-AUTH-HEADER-1111',
  cookie: 'session=COOKIE-2222',
  password: 'PASSWORD-3333',
  token: 'TOKEN-4444',
  passphrase: 'PASSPHRASE-5555',
  rootPassword: 'ROOTPW-6666',
  sshKeyPassphrase: 'SSHPASS-7777',
  secret: 'SECRET-8888',
  apiKey: 'APIKEY-9999',
  root_password: 'ROOT_PW-AAAA',
  sshkey_passphrase: 'SSHKEY_PASS-BBBB',
  deep: 'DEEP-PASSWORD-CCCC',
  variable: 'VARIABLE-DDDD',
  errorProperty: 'ERRPROP-EEEE',
  child: 'CHILD-BINDING-FFFF',
  arrayItem: 'ARRAY-ITEM-0000',
};

describe('createLogger', () => {
  it('censors secrets at every depth, in arrays, errors, variables, headers and child bindings', () => {
    const out = captureLines();
    const logger = createLogger({ destination: out, level: 'debug' });
    logger.info(
      {
        req: { headers: { authorization: SECRETS.authorization, cookie: SECRETS.cookie, 'user-agent': 'curl/8' } },
        headers: { authorization: SECRETS.authorization },
        password: SECRETS.password,
        whm: { token: SECRETS.token, user: 'root' },
        input: { credentials: { password: SECRETS.password, sshKeyPassphrase: SECRETS.sshKeyPassphrase } },
        escalation: { method: 'SU', rootPassword: SECRETS.rootPassword },
        params: {
          root_password: SECRETS.root_password,
          sshkey_passphrase: SECRETS.sshkey_passphrase,
          passphrase: SECRETS.passphrase,
        },
        a: { b: { c: { d: { e: { f: { g: { password: SECRETS.deep } } } } } } },
        config: { apiKey: SECRETS.apiKey, jwt: { secret: SECRETS.secret } },
        variables: { input: { anything: SECRETS.variable } },
        items: [{ user: 'bob', password: SECRETS.arrayItem }],
      },
      'request with secrets',
    );
    const error = Object.assign(new Error('login failed'), { password: SECRETS.errorProperty });
    logger.error({ err: error }, 'failure');
    logger.child({ token: SECRETS.child }).warn('from a child');

    const text = out.text();
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);

    const [first, failure, child] = out.records();
    expect(first).toMatchObject({
      level: 'info',
      msg: 'request with secrets',
      req: { headers: { authorization: REDACTED, cookie: REDACTED, 'user-agent': 'curl/8' } },
      whm: { token: REDACTED, user: 'root' },
      escalation: { method: 'SU', rootPassword: REDACTED },
      input: { credentials: REDACTED },
      variables: REDACTED,
      items: [{ user: 'bob', password: REDACTED }],
      a: { b: { c: { d: { e: { f: { g: { password: REDACTED } } } } } } },
    });
    // The error keeps its type, message and stack; only the secret property is censored.
    expect(failure).toMatchObject({ level: 'error', err: { type: 'Error', message: 'login failed', password: REDACTED } });
    expect(String((failure?.['err'] as { stack: string }).stack)).toContain('login failed');
    expect(child).toMatchObject({ token: REDACTED, msg: 'from a child' });
  });

  it('leaves the caller’s objects untouched and shares what needs no censoring', () => {
    const nested = { keep: { deep: [1, 2, 3] } };
    const original = { user: 'bob', password: 'x', nested };
    const scrubbed = scrubSecrets(original);
    expect(original.password).toBe('x');
    expect(scrubbed).toEqual({ user: 'bob', password: REDACTED, nested });
    expect(scrubbed.nested).toBe(nested);
    const clean = { a: { b: 1 } };
    expect(scrubSecrets(clean)).toBe(clean);
  });

  it('survives circular structures', () => {
    const out = captureLines();
    const logger = createLogger({ destination: out });
    const loop: Record<string, unknown> = { password: 'CIRCULAR-SECRET' };
    loop['self'] = loop;
    logger.info({ loop }, 'circular');
    expect(out.text()).not.toContain('CIRCULAR-SECRET');
  });

  it('scrubs nested bindings of children and grandchildren', () => {
    const out = captureLines();
    const logger = createLogger({ destination: out });
    logger
      .child({ whm: { server: 'east', token: 'CHILD-NESTED-TOKEN' } })
      .child({ credentials: { password: 'GRANDCHILD-PASSWORD' } })
      .info('deep bindings');
    expect(out.text()).not.toMatch(/CHILD-NESTED-TOKEN|GRANDCHILD-PASSWORD/);
    expect(out.records()[0]).toMatchObject({ whm: { server: 'east', token: REDACTED }, credentials: REDACTED });
  });

  it('replaces what is nested too deep to scrub instead of writing it unscrubbed', () => {
    let deep: Record<string, unknown> = { password: 'BEYOND-THE-DEPTH-LIMIT' };
    for (let level = 0; level < MAX_SCRUB_DEPTH + 2; level += 1) deep = { next: deep };
    const out = captureLines();
    createLogger({ destination: out }).info({ deep }, 'very deep');
    expect(out.text()).not.toContain('BEYOND-THE-DEPTH-LIMIT');
    expect(out.text()).toContain('[Too deep]');
  });

  it('matches secret key names loosely but not ordinary keys', () => {
    for (const key of [
      'password',
      'rootPassword',
      'root_password',
      'sshkey_passphrase',
      'WHM_TOKEN',
      'apiKey',
      'api-key',
      'clientSecret',
      'Authorization',
      'set-cookie',
      'variables',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['user', 'requestId', 'operationName', 'whmRequests', 'tokenEnv', 'passwordEnv', 'errorCodes', 'server']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });

  it('honours the level', () => {
    const out = captureLines();
    const logger = createLogger({ destination: out, level: 'warn' });
    logger.info('hidden');
    logger.warn('shown');
    expect(out.records().map((record) => record['msg'])).toEqual(['shown']);
  });
});

describe('whmLoggerFrom', () => {
  it('adapts a pino logger to the WHM client’s logger, tagged component "whm", still scrubbed', () => {
    const out = captureLines();
    const whmLogger = whmLoggerFrom(createLogger({ destination: out, level: 'debug' }));
    whmLogger.warn({ server: 'east' }, 'TLS verification is OFF');
    whmLogger.debug({ server: 'east', params: { password: 'WHM-PARAM-SECRET' } }, 'retrying read-only WHM call');
    expect(out.text()).not.toContain('WHM-PARAM-SECRET');
    expect(out.records()).toMatchObject([
      { level: 'warn', component: 'whm', server: 'east', msg: 'TLS verification is OFF' },
      { level: 'debug', component: 'whm', params: { password: REDACTED }, msg: 'retrying read-only WHM call' },
    ]);
  });
});
