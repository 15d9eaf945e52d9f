// The stored remote analysis of a root session (REFERENCE §2.7), built from the source and the
// local server at the time of the (re-)analysis.
import type { JsonObject } from './envelope.js';
import type { TransferSession } from './sessions.js';
import { SYSTEM_USERS } from './state.js';
import type { SimulatorState } from './state.js';
import type { RemoteSource } from './types.js';

export function majorVersion(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** Internal server type id, e.g. "WHM11118" for 11.118 (the real examples show "WHM1164" for 11.64). */
export function serverType(version: string): string {
  return `WHM${majorVersion(version).replace('.', '')}`;
}

function sortedObject(entries: [string, JsonObject[string]][]): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) result[key] = value;
  return result;
}

function remoteDatabases(source: RemoteSource): JsonObject {
  const dbs: [string, JsonObject[string]][] = [];
  const users: [string, JsonObject[string]][] = [];
  for (const account of source.accounts) {
    for (const name of account.databases ?? []) dbs.push([name, { owner: account.user }]);
    const dbUsers = account.databaseUsers ?? (account.databases ?? []).map((name) => `${name}_u`);
    for (const name of dbUsers) users.push([name, { owner: account.user }]);
  }
  return { dbs: { MYSQL: sortedObject(dbs), PGSQL: {} }, users: { MYSQL: sortedObject(users), PGSQL: {} } };
}

function localDatabases(state: SimulatorState): JsonObject {
  const databases = Object.entries(state.local.databases ?? {});
  return {
    dbs: { MYSQL: sortedObject(databases.map(([name, owner]) => [name, { owner }])), PGSQL: {} },
    users: { MYSQL: sortedObject(databases.map(([name, owner]) => [`${name}_u`, { owner }])), PGSQL: {} },
  };
}

/**
 * The real server stores a "conflicts" JSON document whose shape is not documented; the simulator
 * reports name clashes between source and target: accounts, domains, MySQL databases and their users
 * (a local database's user is `<database>_u`, as in localDatabases).
 */
function conflicts(state: SimulatorState, source: RemoteSource): JsonObject {
  const users: [string, JsonObject[string]][] = [];
  const domains: [string, JsonObject[string]][] = [];
  const dbs: [string, JsonObject[string]][] = [];
  const dbUsers: [string, JsonObject[string]][] = [];
  const localDomains = new Map([...state.localDomains.entries()].map(([user, domain]) => [domain, user]));
  const localDbs = state.local.databases ?? {};
  const localDbUsers = new Map(Object.entries(localDbs).map(([name, owner]) => [`${name}_u`, owner]));
  for (const account of source.accounts) {
    if (state.localUserExists(account.user)) users.push([account.user, 1]);
    if (localDomains.has(account.domain)) domains.push([account.domain, localDomains.get(account.domain) ?? null]);
    for (const name of account.databases ?? []) if (Object.hasOwn(localDbs, name)) dbs.push([name, localDbs[name] ?? null]);
    for (const name of account.databaseUsers ?? (account.databases ?? []).map((db) => `${db}_u`)) {
      if (localDbUsers.has(name)) dbUsers.push([name, localDbUsers.get(name) ?? null]);
    }
  }
  return {
    users: sortedObject(users),
    domains: sortedObject(domains),
    dbs: { MYSQL: sortedObject(dbs) },
    dbusers: { MYSQL: sortedObject(dbUsers) },
  };
}

function analysisModules(state: SimulatorState, source: RemoteSource): JsonObject {
  const local = state.local;
  const localDb = local.databaseServer ?? { type: 'MySQL', version: '8.0' };
  const remoteDb = source.databaseServer ?? { type: 'MySQL', version: '8.0' };
  const mysql: JsonObject = {
    name: 'Database Server',
    analysis: {
      'Local Type': localDb.type,
      'Local Version': localDb.version,
      'Remote Type': remoteDb.type,
      'Remote Version': remoteDb.version,
    },
  };
  if (localDb.type !== remoteDb.type || localDb.version !== remoteDb.version) {
    mysql['warning'] =
      `The source uses ${remoteDb.type} ${remoteDb.version} and this server uses ${localDb.type} ${localDb.version}; ` +
      'databases are converted during the restore.\n';
  }
  return {
    Apache: {
      name: 'Apache',
      analysis: {
        'Local EA Version': '4',
        'Local HTTPD Version': '2.4.62',
        'Remote EA Version': '4',
        'Remote HTTPD Version': '2.4.58',
        'Blocker Data': 'none',
      },
    },
    AutoSSLOptions: { name: 'AutoSSL Options', analysis: { 'Remote Provider': 'cPanel', 'Local Provider': 'cPanel' } },
    Backups: {
      name: 'Backups',
      analysis: { 'Local Backups Version': local.version, 'Remote Backups Version': source.version },
    },
    Exim: { name: 'Exim', analysis: { 'Local Version': '4.98', 'Remote Version': '4.97' } },
    GreyList: { name: 'Greylisting', analysis: { 'Remote Enabled': '1', 'Local Enabled': '0' } },
    Hulk: { name: 'cPHulk', analysis: { 'Remote Enabled': '1', 'Local Enabled': '1' } },
    ModSecurity: { name: 'ModSecurity', analysis: { 'Remote Vendors': 'OWASP3', 'Local Vendors': 'OWASP3' } },
    MySQL: mysql,
    Themes: { name: 'User Interface Themes', analysis: { 'Remote Themes': 'jupiter', 'Local Themes': 'jupiter' } },
    WHMConf: { name: 'WHM Configuration', analysis: { 'Remote Tweak Settings': 'available' } },
  };
}

export function buildAnalysis(state: SimulatorState, session: TransferSession): JsonObject {
  const source = session.source;
  const local = state.local;
  const accounts = [...(source?.accounts ?? [])].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  const packages = [...(source?.packages ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const resellers: [string, JsonObject[string]][] = [['root', 1]];
  for (const account of source?.accounts ?? []) {
    if (account.owner !== 'root' && !resellers.some(([name]) => name === account.owner)) resellers.push([account.owner, 1]);
  }
  const dedicated = local.dedicatedIps ?? {};
  const localUsers: [string, JsonObject[string]][] = [...new Set([...SYSTEM_USERS, ...state.localUsers])].map((user) => [
    user,
    1,
  ]);
  const localDomains: [string, JsonObject[string]][] = [...state.localDomains.entries()].map(([user, domain]) => [domain, user]);
  localDomains.push(['*', 'nobody']);
  const version = source?.version ?? '0';
  return {
    transfer_session_id: session.id,
    items: {
      accounts: accounts.map((account) => ({
        user: account.user,
        ensim_user: account.user,
        domain: account.domain,
        bytesused: account.bytesused,
        filesused: account.filesused,
        owner: account.owner,
        has_dedicated_ip: account.has_dedicated_ip,
        worker_nodes: {},
      })),
      packages: packages.map((pkg) => ({ name: pkg.name, featurelist: pkg.featurelist })),
    },
    local: {
      available_ips: local.ips.slice(1).filter((ip) => !Object.hasOwn(dedicated, ip)),
      dbs: localDatabases(state),
      dedicated_ips: { ...dedicated },
      domains: sortedObject(localDomains),
      groups: sortedObject(localUsers),
      users: sortedObject(localUsers),
      host: local.hostname,
      version: local.version,
      major_version: majorVersion(local.version),
      roundcube_dbtype: 'sqlite',
    },
    remote: {
      dbs: source === undefined ? null : remoteDatabases(source),
      resellers: sortedObject(resellers),
      has_owners: 1,
      has_disk_used: 1,
      has_files_used: 1,
      has_xfertool: 1,
      has_package_extensions: 1,
      server_type: serverType(version),
      hostname: source?.hostname ?? null,
      cpversion: majorVersion(version),
      version,
      host: session.remoteHost,
      conflicts: source === undefined ? null : conflicts(state, source),
      major_version: majorVersion(version),
      roundcube_dbtype: 'sqlite',
      linked_nodes: [],
      supports_live_transfers: source?.supportsLiveTransfers === false ? 0 : 1,
    },
    config: { shared_mysql_server: 0 },
    options: { unrestricted: session.options.unrestricted, skip_reseller_privs: session.options.skipres },
    modules: source === undefined ? {} : analysisModules(state, source),
  };
}
