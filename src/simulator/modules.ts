// Transfer item modules: priorities (the v120 set of 19, REFERENCE §2.1) and key schemas (§2.2).
import type { JsonObject } from './envelope.js';

export const MODULE_PRIORITIES: Readonly<Record<string, number>> = {
  FeatureListRemoteRoot: 1000,
  BackupsRemoteRoot: 1045,
  EximRemoteRoot: 1050,
  ThemesRemoteRoot: 1052,
  ApacheRemoteRoot: 1054,
  MySQLRemoteRoot: 1056,
  WHMConfRemoteRoot: 1058,
  GreyListRemoteRoot: 1060,
  HulkRemoteRoot: 1061,
  AutoSSLOptionsRemoteRoot: 1062,
  ModSecurityRemoteRoot: 1070,
  PackageRemoteRoot: 2000,
  AccountRemoteRoot: 3000,
  AccountRemoteUser: 4000,
  AccountLocal: 5000,
  LegacyAccountBackup: 6000,
  AccountUpload: 7000,
  RearrangeAccount: 8000,
  MailboxConversion: 9000,
};

export function isKnownModule(name: string): boolean {
  return Object.hasOwn(MODULE_PRIORITIES, name);
}

export function modulePriority(name: string): number {
  return MODULE_PRIORITIES[name] ?? 10_000;
}

const ACCOUNT_MODULES = new Set(['AccountRemoteRoot', 'AccountRemoteUser', 'AccountLocal', 'AccountUpload']);

export function isAccountModule(name: string): boolean {
  return ACCOUNT_MODULES.has(name);
}

/** Modules a user-authenticated (noroot) session may enqueue; root sessions take every other one. */
const USER_SESSION_MODULES = new Set(['AccountRemoteUser', 'AccountLocal', 'LegacyAccountBackup', 'AccountUpload']);

export function allowedInUserSession(name: string): boolean {
  return USER_SESSION_MODULES.has(name);
}

/** Only this module may be enqueued by a caller without root privileges. */
export function allowsNonRootEnqueue(name: string): boolean {
  return name === 'AccountRemoteUser';
}

export interface ModuleSchema {
  keys: Record<string, { def: string }>;
  required: string[];
  primary: string[];
  prerequisite?: string;
}

const CHAR = 'char(255) DEFAULT NULL';
const FLAG = 'int(1) DEFAULT 0';
const BIG = 'BIGINT UNSIGNED DEFAULT 1';
const VARCHAR = 'varchar(255) DEFAULT NULL';

function accountSchema(): ModuleSchema {
  const keys: Record<string, { def: string }> = {};
  const define = (names: string[], def: string): void => {
    for (const name of names) keys[name] = { def };
  };
  define(['copypoint', 'cpmovefile', 'disabled', 'keep_local_cpuser_values'], 'text');
  define([
    'customip',
    'detected_remote_user',
    'domain',
    'localuser',
    'mail_location',
    'prerequisite_user',
    'replaceip',
    'user',
  ], CHAR);
  define(['files', 'size'], BIG);
  define([
    'force',
    'ip',
    'live_transfer',
    'overwrite_all_dbs',
    'overwrite_all_dbusers',
    'overwrite_sameowner_dbs',
    'overwrite_sameowner_dbusers',
    'overwrite_with_delete',
    'reseller',
    'shared_mysql_server',
    'skipaccount',
    'skipacctdb',
    'skipbwdata',
    'skipemail',
    'skiphomedir',
    'skipres',
    'skipsubdomains',
    'xferpoint',
  ], FLAG);
  keys['priority'] = { def: 'int(1) DEFAULT 255' };
  return { keys: sortKeys(keys), required: ['user', 'localuser'], primary: ['user'], prerequisite: 'prerequisite_user' };
}

function legacyBackupSchema(): ModuleSchema {
  const keys: Record<string, { def: string }> = { user: { def: CHAR }, size: { def: BIG }, files: { def: BIG } };
  keys['restoretype'] = { def: CHAR };
  for (const flag of [
    'restoreall',
    'restoreip',
    'restoremail',
    'restoremysql',
    'restorepsql',
    'restorebwdata',
    'restoresubs',
    'unrestricted_restore',
    'overwrite_all_dbs',
    'overwrite_all_dbusers',
    'overwrite_sameowner_dbs',
    'overwrite_sameowner_dbusers',
  ]) {
    keys[flag] = { def: FLAG };
  }
  keys['mysql_dbs_to_restore'] = { def: 'text' };
  keys['pgsql_dbs_to_restore'] = { def: 'text' };
  return { keys: sortKeys(keys), required: ['user', 'restoretype'], primary: ['user'], prerequisite: 'prerequisite_user' };
}

function namedSchema(primary: string, extra: Record<string, string> = {}): ModuleSchema {
  const keys: Record<string, { def: string }> = { [primary]: { def: VARCHAR }, size: { def: BIG } };
  for (const [name, def] of Object.entries(extra)) keys[name] = { def };
  return { keys: sortKeys(keys), required: [primary], primary: [primary] };
}

function sortKeys(keys: Record<string, { def: string }>): Record<string, { def: string }> {
  const sorted: Record<string, { def: string }> = {};
  for (const name of Object.keys(keys).sort()) {
    const entry = keys[name];
    if (entry !== undefined) sorted[name] = entry;
  }
  return sorted;
}

export function moduleSchema(name: string): ModuleSchema | undefined {
  if (!isKnownModule(name)) return undefined;
  if (isAccountModule(name)) {
    const schema = accountSchema();
    // The real server lists "prerequisite" only for account modules.
    return schema;
  }
  switch (name) {
    case 'LegacyAccountBackup':
      return legacyBackupSchema();
    case 'PackageRemoteRoot':
      return namedSchema('package');
    case 'FeatureListRemoteRoot':
      return namedSchema('featurelist');
    case 'RearrangeAccount':
      // Not documented; modelled as "move an account to another partition".
      return { ...namedSchema('user', { target_mount: CHAR }), required: ['user', 'target_mount'] };
    case 'MailboxConversion':
      // Not documented; modelled as "convert an account's mailboxes to a format".
      return { ...namedSchema('user', { target_format: CHAR }), required: ['user', 'target_format'] };
    default:
      return namedSchema('name');
  }
}

export function schemaToJson(schema: ModuleSchema): JsonObject {
  const keys: JsonObject = {};
  for (const [name, entry] of Object.entries(schema.keys)) keys[name] = { def: entry.def };
  const json: JsonObject = { keys, required: [...schema.required], primary: [...schema.primary] };
  if (schema.prerequisite !== undefined) json['prerequisite'] = schema.prerequisite;
  return json;
}

/** `item_name` shown in master.log control lines. */
export function itemDisplayName(module: string): string {
  if (isAccountModule(module) || module === 'LegacyAccountBackup') return 'Account';
  if (module === 'PackageRemoteRoot') return 'Package';
  if (module === 'FeatureListRemoteRoot') return 'Feature List';
  if (module === 'RearrangeAccount') return 'Account Rearrangement';
  if (module === 'MailboxConversion') return 'Mailbox Conversion';
  return module.replace(/RemoteRoot$/, '') + ' Configuration';
}
