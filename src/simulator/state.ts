// The simulated world: local (target) server, source servers, sessions and the restore queue.
import type { SimClock } from './clock.js';
import { isAccountModule } from './modules.js';
import { RestoreQueue, type RestoreQueueWorld } from './restore-queue.js';
import { TransferSession } from './sessions.js';
import type { ItemPlan, SessionFacts, SessionInit, SessionWorld, TransferItem } from './session-model.js';
import type { CpmoveArchive, LocalServer, RemoteAccount, RemoteSource } from './types.js';

const MIB = 1024 * 1024;
/**
 * Simulated item durations: a fixed overhead (packaging on the source, creating the account and
 * its DNS, mail and web configuration here) plus the data at ~40 MiB/s streamed, ~60 MiB/s restored.
 */
const TRANSFER_BYTES_PER_MS = (40 * MIB) / 1000;
const RESTORE_BYTES_PER_MS = (60 * MIB) / 1000;
const TRANSFER_OVERHEAD_MS = 20_000;
const RESTORE_OVERHEAD_MS = 25_000;
const CONFIG_ITEM_TRANSFER_MS = 2000;
const CONFIG_ITEM_RESTORE_MS = 3000;
const FAST_FAILURE_MS = 2000;

/** System accounts every server has; they "exist" for validate_system_user and block restores. */
export const SYSTEM_USERS = ['root', 'bin', 'daemon', 'adm', 'mail', 'nobody', 'mysql', 'cpanel', 'dovecot', 'mailman', 'named'];

const LOCAL_NAMES = new Set(['127.0.0.1', 'localhost', 'localhost.localdomain', '::1', '0.0.0.0']);

export class SimulatorState implements SessionWorld, RestoreQueueWorld {
  readonly sessions = new Map<string, TransferSession>();
  readonly local: LocalServer;
  readonly localUsers: Set<string>;
  readonly localDomains: Map<string, string>;
  readonly archives: CpmoveArchive[];
  readonly remoteHosts: Record<string, RemoteSource>;
  readonly restoreQueue: RestoreQueue;
  readonly apiPid: number;
  private nextPid: number;

  constructor(
    readonly clock: SimClock,
    local: LocalServer,
    remoteHosts: Record<string, RemoteSource>,
  ) {
    this.local = structuredClone(local);
    this.remoteHosts = structuredClone(remoteHosts);
    this.localUsers = new Set(this.local.users);
    this.localDomains = new Map(this.local.users.map((user) => [user, this.local.domains?.[user] ?? `${user}.local.test`]));
    this.archives = this.local.archives;
    // Deterministic, plausible process ids.
    this.apiPid = 4100;
    this.nextPid = 12_000;
    this.restoreQueue = new RestoreQueue(this);
  }

  now(): number {
    return this.clock.now();
  }

  allocatePid(): number {
    this.nextPid += 1 + (this.nextPid % 3);
    return this.nextPid;
  }

  createSession(init: SessionInit): TransferSession {
    const session = new TransferSession(init, this);
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session advanced to the current simulated time. */
  session(id: string): TransferSession | undefined {
    const session = this.sessions.get(id);
    session?.advance(this.now());
    return session;
  }

  /** Advances every session and the restore queue to now (tests read state after this). */
  refresh(): void {
    const now = this.now();
    for (const session of this.sessions.values()) session.advance(now);
    this.restoreQueue.advance(now);
  }

  // ---- names and hosts -----------------------------------------------------------------

  isLocalHostName(host: string): boolean {
    const lower = host.toLowerCase();
    return LOCAL_NAMES.has(lower) || lower === this.local.hostname.toLowerCase() || this.local.ips.includes(lower);
  }

  /** Source server a host name or IP resolves to. */
  resolveRemote(host: string): RemoteSource | undefined {
    const lower = host.toLowerCase();
    for (const [name, source] of Object.entries(this.remoteHosts)) {
      if (name.toLowerCase() === lower || source.hostname.toLowerCase() === lower) return source;
      if ((source.addresses ?? []).some((address) => address.toLowerCase() === lower)) return source;
    }
    return undefined;
  }

  /** A cPanel account of that name exists here. */
  localUserExists(user: string): boolean {
    return this.localUsers.has(user.toLowerCase());
  }

  /** An account or a system user of that name exists here. */
  nameTaken(user: string): boolean {
    return this.localUserExists(user) || SYSTEM_USERS.includes(user.toLowerCase());
  }

  isReserved(user: string): boolean {
    return this.local.reservedNames.includes(user.toLowerCase());
  }

  findArchive(path: string): CpmoveArchive | undefined {
    const trimmed = path.replace(/\/+$/, '');
    return this.archives.find((archive) => {
      const full = `${archive.path.replace(/\/+$/, '')}/${archive.file}`;
      const extracted = full.replace(/\.tar\.gz$|\.tgz$|\.tar$/, '');
      return trimmed === full || trimmed === extracted;
    });
  }

  hasBackupOf(user: string): boolean {
    return this.local.backups.some((backup) => backup.users.includes(user));
  }

  /** A stable pseudo size for local archives and backups (no real file to measure). */
  estimatedBackupBytes(user: string): number {
    let hash = 2166136261;
    for (const char of user) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    return (20 + (hash % 900)) * MIB;
  }

  // ---- what happens to items -----------------------------------------------------------

  planItem(session: SessionFacts, item: TransferItem): ItemPlan {
    const host = session.remoteHost ?? this.local.hostname;
    if (isAccountModule(item.module) && item.module !== 'AccountLocal' && item.module !== 'AccountUpload') {
      const account = session.source?.accounts.find((candidate) => candidate.user === item.key);
      if (account === undefined) {
        return failFast('TRANSFER', `The account “${item.key}” does not exist on the source server “${host}”.`);
      }
      if (session.kind === 'RemoteUser' && session.remoteUser !== 'root' && session.remoteUser !== account.user) {
        return failFast(
          'TRANSFER',
          `The account “${account.user}” does not belong to “${session.remoteUser ?? ''}” on “${host}”.`,
        );
      }
      return this.accountPlan(item, account.bytesused, account);
    }
    if (item.module === 'AccountLocal' || item.module === 'AccountUpload') {
      const path = item.params['cpmovefile'];
      if (path !== undefined && path !== '' && this.findArchive(path) === undefined) {
        return failFast('TRANSFER', `The system could not find a cpmove archive at “${path}”.`);
      }
      return this.accountPlan(item, this.estimatedBackupBytes(item.key));
    }
    if (item.module === 'LegacyAccountBackup') {
      const type = item.params['restoretype'] ?? 'daily';
      if (!this.hasBackupOf(item.key)) {
        return failFast('TRANSFER', `The system could not find a ${type} backup for the account “${item.key}”.`);
      }
      if (item.params['restoreall'] === '1' && this.localUserExists(item.key)) {
        return failFast('TRANSFER', `The account “${item.key}” already exists on “${this.local.hostname}”.`);
      }
      return this.accountPlan(item, this.estimatedBackupBytes(item.key), undefined, true);
    }
    return { transferMs: CONFIG_ITEM_TRANSFER_MS, restoreMs: CONFIG_ITEM_RESTORE_MS, warnings: [] };
  }

  private accountPlan(item: TransferItem, bytes: number, account?: RemoteAccount, overwriteAllowed = false): ItemPlan {
    const flag = (name: string): boolean => {
      const value = item.params[name];
      return value !== undefined && value !== '' && value !== '0';
    };
    const overwrite = overwriteAllowed || flag('force') || flag('skipaccount') || flag('overwrite_with_delete');
    if (!overwrite && this.nameTaken(item.localItem)) {
      return failFast('TRANSFER', `The account “${item.localItem}” already exists on “${this.local.hostname}”.`);
    }
    const transferMs = TRANSFER_OVERHEAD_MS + bytes / TRANSFER_BYTES_PER_MS;
    const restoreMs = RESTORE_OVERHEAD_MS + bytes / RESTORE_BYTES_PER_MS;
    const warnings = Array.from({ length: account?.warnings ?? 0 }, (_, index) => warningText(item.localItem, index));
    if (account?.failWith !== undefined) {
      return account.failIn === 'TRANSFER'
        ? { transferMs: transferMs / 2, restoreMs, transferFailure: account.failWith, warnings: [] }
        : { transferMs, restoreMs: restoreMs / 2, restoreFailure: account.failWith, warnings: [] };
    }
    return { transferMs, restoreMs, warnings };
  }

  onItemRestored(session: SessionFacts, item: TransferItem): void {
    if (!(isAccountModule(item.module) || item.module === 'LegacyAccountBackup')) return;
    if (item.params['skipaccount'] === '1') return;
    const user = item.localItem.toLowerCase();
    this.localUsers.add(user);
    const account = session.source?.accounts.find((candidate) => candidate.user === item.key);
    this.localDomains.set(user, item.params['domain'] ?? account?.domain ?? this.localDomains.get(user) ?? `${user}.local.test`);
  }
}

function failFast(queue: 'TRANSFER' | 'RESTORE', failure: string): ItemPlan {
  return queue === 'TRANSFER'
    ? { transferMs: FAST_FAILURE_MS, restoreMs: 0, transferFailure: failure, warnings: [] }
    : { transferMs: FAST_FAILURE_MS, restoreMs: FAST_FAILURE_MS, restoreFailure: failure, warnings: [] };
}

const WARNING_TEMPLATES = [
  (user: string) => `The PHP version of “${user}” is not installed on this server; the system assigned the default version.`,
  (user: string) => `An SSL certificate of “${user}” expired; the system restored it anyway.`,
  (user: string) => `A DNS zone of “${user}” contains a record that points to the source server.`,
  (user: string) => `The theme of “${user}” does not exist on this server; the system assigned the default theme.`,
];

function warningText(user: string, index: number): string {
  const template = WARNING_TEMPLATES[index % WARNING_TEMPLATES.length] ?? WARNING_TEMPLATES[0];
  return template === undefined ? `Warning ${index + 1}` : template(user);
}
