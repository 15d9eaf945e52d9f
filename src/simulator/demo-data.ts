// Deterministic demo world: one big source server, one small legacy source, and the local target.
// Everything is generated from a fixed seed so tests and demos see the same data every run.
import { DOMAIN_SUFFIXES, seededRandom, WORDS_A, WORDS_B } from './demo-words.js';
import type { AuthConfig, LocalServer, RemoteAccount, RemoteSource } from './types.js';

export { seededRandom } from './demo-words.js';

/** The default root API token of every simulator started without `auth` (tests use it too). */
export const DEMO_ROOT_TOKEN = 'SIMULATOR-ROOT-TOKEN-0123456789';
export const DEMO_ROOT_PASSWORD = 'simulator-root-password';
/** A non-root WHM user whose name matches an account on the demo source (for user transfers). */
export const DEMO_USER = 'sunrise';
export const DEMO_USER_TOKEN = 'SIMULATOR-SUNRISE-TOKEN-0123456789';
export const DEMO_USER_PASSWORD = 'sunrise-whm-password';

export const DEMO_SOURCE_HOST = 'source.example.net';
export const DEMO_SOURCE_IP = '192.0.2.10';
export const DEMO_REMOTE_ROOT_PASSWORD = 'remote-root-password';
export const DEMO_SSH_KEY = 'id_transfer';
export const DEMO_SSH_KEY_PASSPHRASE = 'simulator-key-passphrase';
export const DEMO_PLAIN_SSH_KEY = 'id_plain';
export const DEMO_SUDO_USER = 'admin';
export const DEMO_SUDO_PASSWORD = 'admin-ssh-password';
export const DEMO_SU_USER = 'wheeluser';
export const DEMO_SU_PASSWORD = 'wheel-ssh-password';
export const DEMO_LEGACY_HOST = 'legacy.example.org';
export const DEMO_LEGACY_IP = '192.0.2.20';
export const DEMO_LEGACY_ROOT_PASSWORD = 'legacy-root-password';
export const DEMO_LOCAL_HOST = 'target.example.com';

/** Accounts that exist on the source and, under the same name, on the target. */
export const DEMO_CONFLICTING_USERS = [
  'harbor',
  'granite',
  'juniper',
  'lantern',
  'marble',
  'nectar',
  'orchid',
  'pebble',
  'quartz',
  'saffron',
] as const;

/** A case of each plan check of enqueueTransferItems; conflicting users also share `<user>_wp` and its user here. */
export const DEMO_PLAN_CASES = {
  notOnSource: 'nosuchuser',
  conflicting: 'granite',
  takenLocalName: 'northwind',
  reservedLocalName: 'cpses',
  domainConflict: { user: 'webnest', domain: 'webnest.example.net', localOwner: 'bayside' },
} as const;

/** Accounts whose transfer fails (failWith); the session still ends COMPLETED. */
export const DEMO_FAILING_ACCOUNTS: Readonly<Record<string, { failWith: string; failIn: 'TRANSFER' | 'RESTORE' }>> = {
  quotafull: {
    failWith: 'The system cannot restore “quotafull” because the partition “/home” does not have enough free space.',
    failIn: 'RESTORE',
  },
  dbcorrupt: {
    failWith: 'The MySQL dump of the database “dbcorrupt_store” ends unexpectedly, so the system could not restore it.',
    failIn: 'RESTORE',
  },
  badarchive: {
    failWith: 'The archive for “badarchive” is damaged: the home directory tarball could not be read.',
    failIn: 'RESTORE',
  },
  mailbroken: {
    failWith: 'The system could not convert the mailboxes of “mailbroken”: the maildir index is invalid.',
    failIn: 'RESTORE',
  },
  slowsite: {
    failWith: 'The source server stopped responding while the system streamed the home directory of “slowsite”.',
    failIn: 'TRANSFER',
  },
};

/** Accounts that restore with warnings (warning count). */
export const DEMO_WARNING_ACCOUNTS: Readonly<Record<string, number>> = {
  oddphp: 2,
  mixedssl: 1,
  manydns: 3,
  oldtheme: 1,
};

export const DEMO_RESELLERS = ['hostpro', 'webnest', 'cloudly', 'siteforge'] as const;

const LOCAL_ONLY_USERS = ['northwind', 'clearview', 'pinecrest', 'bayside', 'riverbend', 'summitco'];

export const DEMO_RESERVED_NAMES = [
  'root',
  'nobody',
  'cpanel',
  'mysql',
  'postgres',
  'bin',
  'daemon',
  'adm',
  'mail',
  'ftp',
  'apache',
  'named',
  'dovecot',
  'exim',
  'mailman',
  'cpanelphpmyadmin',
  'cpanelroundcube',
  'cpses',
  'system',
  'virtfs',
  'all',
];

const MIB = 1024 * 1024;

function kibAligned(bytes: number): number {
  return Math.max(1024, Math.round(bytes / 1024) * 1024);
}

function makeAccount(
  user: string,
  domain: string,
  owner: string,
  bytes: number,
  dedicated: boolean,
  extra: Partial<RemoteAccount> = {},
): RemoteAccount {
  const bytesused = kibAligned(bytes);
  return {
    user,
    domain,
    owner,
    bytesused,
    filesused: Math.max(12, Math.round(bytesused / (28 * 1024))),
    has_dedicated_ip: dedicated ? 1 : 0,
    password: `${user}-remote-password`,
    databases: [`${user.slice(0, 8)}_wp`],
    ...extra,
  };
}

function buildSourceAccounts(): RemoteAccount[] {
  const random = seededRandom(20_260_901);
  const pick = <T>(list: readonly T[]): T => {
    const value = list[Math.floor(random() * list.length)];
    if (value === undefined) throw new Error('empty list');
    return value;
  };
  const logSize = (minBytes: number, maxBytes: number): number =>
    Math.exp(Math.log(minBytes) + random() * (Math.log(maxBytes) - Math.log(minBytes)));

  const accounts: RemoteAccount[] = [];
  const taken = new Set<string>([...LOCAL_ONLY_USERS, ...DEMO_RESERVED_NAMES]);
  const add = (account: RemoteAccount): void => {
    taken.add(account.user);
    accounts.push(account);
  };

  add(makeAccount('sunrise', 'sunrise-bakery.test', 'root', 24 * MIB, false, { password: 'sunrise-remote-password' }));
  add(makeAccount('meadow', 'meadow-florist.example', 'root', 11 * MIB, false));
  add(
    makeAccount('mediavault', 'mediavault.example.com', 'root', 3.8 * 1024 * MIB, true, {
      databases: ['mediavaul_assets', 'mediavaul_stats'],
    }),
  );
  for (const reseller of DEMO_RESELLERS) {
    add(makeAccount(reseller, `${reseller}.example.net`, 'root', logSize(80 * MIB, 900 * MIB), true));
  }
  for (const user of DEMO_CONFLICTING_USERS) {
    add(makeAccount(user, `${user}-shop.test`, pick(['root', 'root', ...DEMO_RESELLERS]), logSize(5 * MIB, 600 * MIB), false));
  }
  for (const [user, failure] of Object.entries(DEMO_FAILING_ACCOUNTS)) {
    const size = user === 'quotafull' ? 2.6 * 1024 * MIB : logSize(20 * MIB, 400 * MIB);
    add(makeAccount(user, `${user}.example.org`, 'root', size, false, { ...failure }));
  }
  for (const [user, warnings] of Object.entries(DEMO_WARNING_ACCOUNTS)) {
    add(makeAccount(user, `${user}.example`, pick(DEMO_RESELLERS), logSize(8 * MIB, 300 * MIB), false, { warnings }));
  }

  let attempts = 0;
  while (accounts.length < 220 && attempts < 10_000) {
    attempts += 1;
    const first = pick(WORDS_A);
    const second = pick(WORDS_B);
    const suffix = random() < 0.3 ? String(Math.floor(random() * 90) + 10) : '';
    const user = `${first}${second}`.slice(0, 14 - suffix.length) + suffix;
    if (taken.has(user) || user.startsWith('test')) continue;
    const owner = random() < 0.4 ? pick(DEMO_RESELLERS) : 'root';
    const domain = `${first}-${second}${suffix}${pick(DOMAIN_SUFFIXES)}`;
    const dedicated = random() < 0.08;
    const databaseCount = Math.floor(random() * 4);
    const prefix = user.slice(0, 8);
    const databases = Array.from({ length: databaseCount }, (_, index) => `${prefix}_${['wp', 'shop', 'crm'][index] ?? 'db'}`);
    add(makeAccount(user, domain, owner, logSize(3 * MIB, 4 * 1024 * MIB), dedicated, { databases }));
  }
  return accounts;
}

function demoSource(): RemoteSource {
  return {
    hostname: DEMO_SOURCE_HOST,
    addresses: [DEMO_SOURCE_IP],
    version: '11.118.0.9',
    rootPassword: DEMO_REMOTE_ROOT_PASSWORD,
    sshKeys: [{ name: DEMO_SSH_KEY, passphrase: DEMO_SSH_KEY_PASSPHRASE }, { name: DEMO_PLAIN_SSH_KEY }],
    escalationUsers: [
      { user: DEMO_SUDO_USER, password: DEMO_SUDO_PASSWORD, sudo: true },
      { user: DEMO_SU_USER, password: DEMO_SU_PASSWORD, sudo: false },
    ],
    accounts: buildSourceAccounts(),
    packages: [
      { name: 'default', featurelist: 'default' },
      { name: 'starter', featurelist: 'basic' },
      { name: 'business', featurelist: 'default' },
      { name: 'hostpro_gold', featurelist: 'reseller_full' },
      { name: 'webnest_lite', featurelist: null },
    ],
    databaseServer: { type: 'MariaDB', version: '10.6' },
    supportsLiveTransfers: true,
  };
}

function legacySource(): RemoteSource {
  const random = seededRandom(7);
  const accounts: RemoteAccount[] = [];
  for (let index = 1; index <= 12; index += 1) {
    const user = `legacy${String(index).padStart(2, '0')}`;
    accounts.push(makeAccount(user, `${user}.example.org`, 'root', (5 + random() * 200) * MIB, false));
  }
  return {
    hostname: DEMO_LEGACY_HOST,
    addresses: [DEMO_LEGACY_IP],
    version: '11.94.0.20',
    rootPassword: DEMO_LEGACY_ROOT_PASSWORD,
    accounts,
    packages: [{ name: 'default', featurelist: 'default' }],
    creationWarnings: [
      'The source server runs cPanel & WHM 11.94, which is older than this server; some settings may not transfer.',
    ],
    databaseServer: { type: 'MySQL', version: '5.7' },
    supportsLiveTransfers: false,
  };
}

export function demoRemoteHosts(): Record<string, RemoteSource> {
  return { [DEMO_SOURCE_HOST]: demoSource(), [DEMO_LEGACY_HOST]: legacySource() };
}

export function demoLocalServer(): LocalServer {
  const users = [...DEMO_CONFLICTING_USERS, ...LOCAL_ONLY_USERS];
  const domains: Record<string, string> = {};
  for (const user of users) domains[user] = `${user}.local-sites.test`;
  domains[DEMO_PLAN_CASES.domainConflict.localOwner] = DEMO_PLAN_CASES.domainConflict.domain;
  const databases: Record<string, string> = {};
  for (const user of users) databases[`${user.slice(0, 8)}_wp`] = user;
  return {
    hostname: DEMO_LOCAL_HOST,
    version: '11.120.0.16',
    users,
    reservedNames: [...DEMO_RESERVED_NAMES],
    ips: ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13', '203.0.113.14', '203.0.113.15'],
    dedicatedIps: { '203.0.113.11': 'northwind.local-sites.test' },
    domains,
    backups: [
      { date: '2026-11-21T00:00:00.000Z', users: ['northwind', 'clearview', 'pinecrest', 'bayside'] },
      { date: '2026-11-24T00:00:00.000Z', users: ['northwind', 'clearview', 'pinecrest', 'bayside', 'riverbend'] },
      { date: '2026-11-27T00:00:00.000Z', users: [...LOCAL_ONLY_USERS, 'harbor', 'granite'] },
    ],
    archives: [
      { file: 'cpmove-oldclient.tar.gz', path: '/home', user: 'oldclient' },
      { file: 'cpmove-northwind.tar.gz', path: '/home', user: 'northwind' },
      { file: 'cpmove-archived.tar.gz', path: '/root', user: 'archived' },
      { file: 'cpmove-bayside.tar.gz', path: '/home2', user: 'bayside' },
    ],
    databases,
    databaseServer: { type: 'MySQL', version: '8.0' },
  };
}

export function demoAuth(): AuthConfig {
  return {
    tokens: { root: DEMO_ROOT_TOKEN, [DEMO_USER]: DEMO_USER_TOKEN },
    passwords: { root: DEMO_ROOT_PASSWORD, [DEMO_USER]: DEMO_USER_PASSWORD },
  };
}
