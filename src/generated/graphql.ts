import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { WhmServerEntry } from '../config.js';
import type { SystemUserModel, TransferSessionRef, RemoteAnalysisModel, RemoteAccountModel, AnalysisModuleModel, TransferItemModel, TransferModuleModel, TransferModuleSchemaModel, RestoreQueueModel, CompletedRestoreJobModel, BackupRestorePointModel } from '../resolvers/models.js';
import type { RemoteAnalysisPackage, RestoreModuleSummary, RestoreJob as WhmRestoreJob, CparchiveFile } from '../whm/types.js';
import type { TransferEvent as LoggedTransferEvent, TransferProgress as LoggedTransferProgress } from '../transfer/index.js';
import type { JournalEntry, WebhookDeliveryRecord } from '../registry/index.js';
import type { GatewayContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, serialised as an ISO-8601 string in UTC (WHM's epoch seconds converted). */
  DateTime: { input: Date; output: Date; }
  /**
   * WHM data passed through as it came, for parts whose shape WHM itself leaves open
   * (for example the conflicts found by a remote analysis).
   */
  JSON: { input: unknown; output: unknown; }
};

/** A name the source and this server share. */
export type AccountConflict = {
  __typename?: 'AccountConflict';
  /** For databases and database users: MYSQL or PGSQL. */
  engine?: Maybe<Scalars['String']['output']>;
  /** What kind of name collides. */
  kind: AccountConflictKind;
  /** The local account that holds it, when known. */
  localOwner?: Maybe<Scalars['String']['output']>;
  /** The name: a username, domain, database or database user. */
  name: Scalars['String']['output'];
  /** The source account it belongs to, when known. */
  remoteUser?: Maybe<Scalars['String']['output']>;
};

/** What a source name collides with on this server. */
export type AccountConflictKind =
  /** A database of that name exists here. */
  | 'DATABASE'
  /** A database user of that name exists here. */
  | 'DATABASE_USER'
  /** The domain belongs to an account here. */
  | 'DOMAIN'
  /** An account (or system user) of that name exists here. */
  | 'USER';

/** Options shared by the three account modules. */
export type AccountItemOptions = {
  /** Use this IP (needs `dedicatedIp`). */
  customIp?: InputMaybe<Scalars['String']['input']>;
  /** Give the account a dedicated IP (falls back to a shared one when none is free). */
  dedicatedIp?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name to create locally; defaults to the source username. */
  localUser?: InputMaybe<Scalars['String']['input']>;
  /** Mail location: `.local`, `.existing` or a linked node alias. */
  mailLocation?: InputMaybe<Scalars['String']['input']>;
  /** Overwrite database users owned by the same user. */
  overwriteSameOwnerDatabaseUsers?: InputMaybe<Scalars['Boolean']['input']>;
  /** Overwrite databases owned by the same user. */
  overwriteSameOwnerDatabases?: InputMaybe<Scalars['Boolean']['input']>;
  /** Delete everything of the account at the destination first. */
  overwriteWithDelete?: InputMaybe<Scalars['Boolean']['input']>;
  /** Lower numbers run earlier (1–255). */
  priority?: InputMaybe<Scalars['Int']['input']>;
  /** Rewrite which DNS records to the new IP. */
  replaceIp?: InputMaybe<ReplaceIpMode>;
  /** Reseller privileges with the account. */
  reseller?: InputMaybe<Scalars['Boolean']['input']>;
  /** The source and destination share one MySQL server. */
  sharedMysqlServer?: InputMaybe<Scalars['Boolean']['input']>;
  /** Size in bytes; defaults to the remote analysis's disk usage, so progress is by bytes. */
  size?: InputMaybe<Scalars['Float']['input']>;
  /** Skip the account itself (user must equal localUser). */
  skipAccount?: InputMaybe<Scalars['Boolean']['input']>;
  /** Skip the account's databases. */
  skipAccountDatabases?: InputMaybe<Scalars['Boolean']['input']>;
  /** Skip bandwidth data. */
  skipBandwidthData?: InputMaybe<Scalars['Boolean']['input']>;
  /** Skip the home directory. */
  skipHomeDirectory?: InputMaybe<Scalars['Boolean']['input']>;
  /** Skip reseller privileges. */
  skipResellerPrivileges?: InputMaybe<Scalars['Boolean']['input']>;
};

/** An account archive already on this server (module AccountLocal). */
export type AccountLocalItemInput = {
  /** Overwrite an identically named local account. */
  force?: InputMaybe<Scalars['Boolean']['input']>;
  /** How to restore the account. */
  options?: InputMaybe<AccountItemOptions>;
  /** Username in the archive. */
  user: Scalars['String']['input'];
};

/** An account from a remote server, root session (module AccountRemoteRoot). */
export type AccountRemoteRootItemInput = {
  /** Express Transfer. */
  expressTransfer?: InputMaybe<Scalars['Boolean']['input']>;
  /** Overwrite an identically named local account (needs localUser = user; not with unrestricted restore). */
  force?: InputMaybe<Scalars['Boolean']['input']>;
  /** Live transfer: keep the source serving until the switch. */
  liveTransfer?: InputMaybe<Scalars['Boolean']['input']>;
  /** How to transfer the account. */
  options?: InputMaybe<AccountItemOptions>;
  /** Username on the source. */
  user: Scalars['String']['input'];
};

/** The session's own account, user session (module AccountRemoteUser). */
export type AccountRemoteUserItemInput = {
  /** How to transfer the account. */
  options?: InputMaybe<AccountItemOptions>;
  /** Username on the source. */
  user: Scalars['String']['input'];
};

/** Everything `restore_queue_add_task` takes: an account to restore from a backup of the backup system. */
export type AddRestoreQueueTaskInput = {
  /** Backup destination id (default: local). */
  destination?: InputMaybe<Scalars['String']['input']>;
  /** Give the account a dedicated IP. */
  giveIp?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore the mail configuration. */
  mailConfig?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore MySQL databases. */
  mysql?: InputMaybe<Scalars['Boolean']['input']>;
  /** A date from `backupDates`. */
  restorePoint: Scalars['String']['input'];
  /** Server whose restore queue gets the task (default: the first configured). */
  server?: InputMaybe<Scalars['ID']['input']>;
  /** Restore subdomains. */
  subdomains?: InputMaybe<Scalars['Boolean']['input']>;
  /** The account to restore. */
  user: Scalars['String']['input'];
};

/** One analysis module's comparison of source and target. */
export type AnalysisModule = {
  __typename?: 'AnalysisModule';
  /** Comparison facts (Local Version, Remote Version …). */
  details: Array<KeyValue>;
  /** WHM's errors, one per line. */
  errors: Array<Scalars['String']['output']>;
  /** WHM's key, such as MySQL or Apache. */
  key: Scalars['String']['output'];
  /** Display name, such as Database Server. */
  name?: Maybe<Scalars['String']['output']>;
  /** WHM's warnings, one per line. */
  warnings: Array<Scalars['String']['output']>;
};

/** A backup date (restore point) of the server's backup system. */
export type BackupRestorePoint = {
  __typename?: 'BackupRestorePoint';
  /** The date as WHM names it; pass it as `restorePoint`. */
  date: Scalars['String']['output'];
  /** Accounts in that backup (`backup_user_list`, loaded lazily). */
  users?: Maybe<Array<BackupUser>>;
};

/** An account in a backup. */
export type BackupUser = {
  __typename?: 'BackupUser';
  /** The account's status in that backup. */
  status: BackupUserStatus;
  /** The status exactly as WHM sent it (useful when `status` is UNKNOWN). */
  statusName: Scalars['String']['output'];
  /** The account's username. */
  username: Scalars['String']['output'];
};

/** An account's status in a backup: WHM's `backup_user_list` status active, inactive or no_backup; UNKNOWN for any other value. */
export type BackupUserStatus =
  | 'ACTIVE'
  | 'INACTIVE'
  | 'NO_BACKUP'
  | 'UNKNOWN';

/**
 * Who is calling, as the gateway authenticated them. Lets a client show only what the caller may do
 * (for example hide the abort button from operators) instead of learning it from FORBIDDEN answers.
 */
export type Caller = {
  __typename?: 'Caller';
  /** The API key's name or the JWT subject (`anonymous` when the gateway runs open); never a credential. */
  id: Scalars['String']['output'];
  /** The caller's role; every caller is ADMIN when the gateway runs open. */
  role: Role;
  /** The configured servers this caller may use, by name, the default first. */
  servers: Array<Scalars['ID']['output']>;
};

/** Everything `remote_basic_credential_check` takes: the credential variants of `createRemoteRootTransferSession`. */
export type CheckRemoteCredentialsInput = {
  /** How `user` logs in: a password or an SSH key name, exactly one of them. */
  credentials: RemoteCredentialsInput;
  /** How `user` becomes root; only when `user` is not root. */
  escalation?: InputMaybe<RootEscalationInput>;
  /** Source host name or IP. */
  host: Scalars['String']['input'];
  /** SSH port (1–65535, default 22). */
  port?: InputMaybe<Scalars['Int']['input']>;
  /** Target server that connects out (default: the first configured). */
  server?: InputMaybe<Scalars['ID']['input']>;
  /** User to log in as (default root). */
  user?: InputMaybe<Scalars['String']['input']>;
};

/** What the credential check found. A refusal by the source is an answer here, not an error: see `userErrors`. */
export type CheckRemoteCredentialsPayload = {
  __typename?: 'CheckRemoteCredentialsPayload';
  /** How WHM became root on the source; null for root itself or when it did not. */
  escalationMethodUsed?: Maybe<RootEscalationMethod>;
  /** The SSH login worked; null when the host could not be reached or WHM's reason does not say. */
  loginWorks?: Maybe<Scalars['Boolean']['output']>;
  /** True when the SSH login worked and it reached root (directly or by escalation). */
  ok: Scalars['Boolean']['output'];
  /** WHM's console output of the check (may contain HTML). */
  output?: Maybe<Scalars['String']['output']>;
  /** Root access worked; null when the login did not, or WHM's reason does not say. */
  rootAccess?: Maybe<Scalars['Boolean']['output']>;
  /** Why the check failed: REMOTE_AUTH_REFUSED, REMOTE_ESCALATION_REFUSED, REMOTE_HOST_UNREACHABLE or WHM_API_ERROR; empty when `ok`. */
  userErrors: Array<UserError>;
  /** WHM's reason, verbatim, when the check failed. */
  whmReason?: Maybe<Scalars['String']['output']>;
};

/** How the destination connects to the source. */
export type CommTransport =
  /** SSH (default). */
  | 'SSH'
  /** The source's WHM port, TLS verified. */
  | 'WHOSTMGR'
  /** The source's WHM port, TLS errors ignored. */
  | 'WHOSTMGR_INSECURE';

/** A finished restore task. */
export type CompletedRestoreJob = {
  __typename?: 'CompletedRestoreJob';
  /** When the restore finished. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The task as it was queued. */
  job: RestoreJob;
  /** How it ended: WHM's `status_info.result` 0 (FAILED), 1 (SUCCEEDED) or 2 (SUCCEEDED_WITH_WARNINGS); UNKNOWN otherwise. */
  result: RestoreJobResult;
  /** WHM's `status_info.result` as sent (useful when `result` is UNKNOWN); null when WHM sent none. */
  resultCode?: Maybe<Scalars['Int']['output']>;
  /** The transfer session that ran the restore. */
  session?: Maybe<TransferSession>;
  /** When the restore started. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** WHM's status message for the task (`status_info.statusmsg`). */
  statusMessage?: Maybe<Scalars['String']['output']>;
  /** Warnings WHM recorded for the restore; empty when none. */
  warnings: Array<Scalars['String']['output']>;
};

/** A server configuration module from the source, such as ApacheRemoteRoot or EximRemoteRoot. */
export type ConfigRemoteRootItemInput = {
  /** The module, as listed by `transferModules` (must end in RemoteRoot). */
  module: Scalars['String']['input'];
  /** The item name the module expects. */
  name: Scalars['String']['input'];
  /** Size in bytes (default 1). */
  size?: InputMaybe<Scalars['Float']['input']>;
};

/** A cpmove or backup archive found on the server (`list_cparchive_files`). */
export type CpmoveArchive = {
  __typename?: 'CpmoveArchive';
  /** The archive's file name, such as cpmove-example.tar.gz. */
  file: Scalars['String']['output'];
  /** Pass this as `restoreFromCpmove(path:)`. */
  fullPath: Scalars['String']['output'];
  /** The directory holding the archive, such as /home. */
  path: Scalars['String']['output'];
  /** The account the archive holds. */
  user: Scalars['String']['output'];
};

/** Everything `create_remote_root_transfer_session` takes, named plainly. */
export type CreateRemoteRootTransferSessionInput = {
  /** Compress the data sent between the servers. */
  compressed?: InputMaybe<Scalars['Boolean']['input']>;
  /** Copy the source's reseller privileges with the accounts. */
  copyResellerPrivileges?: InputMaybe<Scalars['Boolean']['input']>;
  /** How `user` logs in: a password or an SSH key name, exactly one of them. */
  credentials: RemoteCredentialsInput;
  /** Use a custom pkgacct on the source. */
  enableCustomPkgacct?: InputMaybe<Scalars['Boolean']['input']>;
  /** How `user` becomes root; only when `user` is not root. */
  escalation?: InputMaybe<RootEscalationInput>;
  /** Source host name or IP. */
  host: Scalars['String']['input'];
  /** Run remote processes at low priority. */
  lowPriority?: InputMaybe<Scalars['Boolean']['input']>;
  /** SSH port (1–65535, default 22). */
  port?: InputMaybe<Scalars['Int']['input']>;
  /** Parallel restore workers (1–20, default 1). */
  restoreThreads?: InputMaybe<Scalars['Int']['input']>;
  /** Target server (default: the first configured). */
  server?: InputMaybe<Scalars['ID']['input']>;
  /** Parallel transfer workers (1–20, default 1). */
  transferThreads?: InputMaybe<Scalars['Int']['input']>;
  /** How this server connects to the source (default SSH). */
  transport?: InputMaybe<CommTransport>;
  /** Do not use SSL. */
  unencrypted?: InputMaybe<Scalars['Boolean']['input']>;
  /** Skip Restricted Restore (then `force` cannot be used on accounts). */
  unrestrictedRestore?: InputMaybe<Scalars['Boolean']['input']>;
  /** Reuse a source backup younger than 24 hours. */
  useBackups?: InputMaybe<Scalars['Boolean']['input']>;
  /** User to log in as (default root). */
  user?: InputMaybe<Scalars['String']['input']>;
};

/** Everything `create_remote_user_transfer_session` takes. */
export type CreateRemoteUserTransferSessionInput = {
  /** The source server holding the account. */
  host: Scalars['String']['input'];
  /** The account's password on the source. */
  password: Scalars['String']['input'];
  /** Target server (default: the first configured). */
  server?: InputMaybe<Scalars['ID']['input']>;
};

/** The result of creating a session. */
export type CreateTransferSessionPayload = {
  __typename?: 'CreateTransferSessionPayload';
  /** WHM's console output of the credential check and set-up (may contain HTML). */
  output?: Maybe<Scalars['String']['output']>;
  /** The new session; null when WHM refused to create it. */
  session?: Maybe<TransferSession>;
  /** What WHM refused; empty on success. */
  userErrors: Array<UserError>;
  /** WHM's warnings (`metadata.output.warnings`), also given on success. */
  warnings: Array<Scalars['String']['output']>;
};

/** The result of `deleteAccountArchives`. */
export type DeleteAccountArchivesPayload = {
  __typename?: 'DeleteAccountArchivesPayload';
  /** True when WHM ran the removal. */
  deleted: Scalars['Boolean']['output'];
  /** What WHM reported removing. */
  messages: Array<Scalars['String']['output']>;
  /** What WHM refused; empty on success. */
  userErrors: Array<UserError>;
  /** WHM's warnings (`metadata.output.warnings`), such as the removal's error output. */
  warnings: Array<Scalars['String']['output']>;
};

/** What happened to one item of `enqueueTransferItems`. */
export type EnqueueItemResult = {
  __typename?: 'EnqueueItemResult';
  /**
   * True when WHM already held this item (WHM refused a duplicate): a repeat of an earlier enqueue,
   * for example after a timeout, so nothing new was queued and the gateway now records it.
   */
  alreadyQueued: Scalars['Boolean']['output'];
  /** A blocking issue holds the item back: it is not sent to WHM unless `force: true`. */
  blocked: Scalars['Boolean']['output'];
  /** Why it is not queued: WHM refused it, the request carrying it failed (code WHM_UNAVAILABLE or WHM_TIMEOUT; the message says when WHM may hold it anyway), or a blocking issue held it back (PLAN_ISSUE). */
  error?: Maybe<UserError>;
  /** Position of the item in the input list. */
  index: Scalars['Int']['output'];
  /** What the gateway's checks found before sending, blocking or not; empty when the item looks fine. */
  issues: Array<PlanIssue>;
  /** The item as queued. */
  item?: Maybe<TransferItem>;
  /** True when WHM holds it in the queue (now, or already from an earlier enqueue). */
  queued: Scalars['Boolean']['output'];
};

/** The result of `enqueueTransferItems`. */
export type EnqueueTransferItemsPayload = {
  __typename?: 'EnqueueTransferItemsPayload';
  /** One result per input item, in input order. */
  results: Array<EnqueueItemResult>;
  /** The session the items were queued on. */
  session?: Maybe<TransferSession>;
  /** Every refused item's error, with `field` = ["items", index]. */
  userErrors: Array<UserError>;
};

/** A feature list from the source (module FeatureListRemoteRoot). */
export type FeatureListRemoteRootItemInput = {
  /** Feature list name on the source. */
  featureList: Scalars['String']['input'];
  /** Size in bytes (default 1). */
  size?: InputMaybe<Scalars['Float']['input']>;
};

/** A key with a text value. */
export type KeyValue = {
  __typename?: 'KeyValue';
  /** The name of the fact. */
  key: Scalars['String']['output'];
  /** Its value as text; null when WHM gave none. */
  value?: Maybe<Scalars['String']['output']>;
};

/** An account from a legacy (daily/weekly/monthly) backup (module LegacyAccountBackup). */
export type LegacyAccountBackupItemInput = {
  /** MySQL databases to restore (only under unrestricted restore). */
  mysqlDatabases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Overwrite existing databases of the same name, whoever owns them. */
  overwriteAllDatabases?: InputMaybe<Scalars['Boolean']['input']>;
  /** Overwrite database users owned by the same user. */
  overwriteSameOwnerDatabaseUsers?: InputMaybe<Scalars['Boolean']['input']>;
  /** Overwrite databases owned by the same user. */
  overwriteSameOwnerDatabases?: InputMaybe<Scalars['Boolean']['input']>;
  /** PostgreSQL databases to restore (only under unrestricted restore). */
  postgresqlDatabases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Create the account first. */
  restoreAll?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore bandwidth data. */
  restoreBandwidthData?: InputMaybe<Scalars['Boolean']['input']>;
  /** Give the account a dedicated IP. */
  restoreIp?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore the mail configuration. */
  restoreMail?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore MySQL databases. */
  restoreMysql?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore subdomains. */
  restoreSubdomains?: InputMaybe<Scalars['Boolean']['input']>;
  /** Size in bytes (default 1). */
  size?: InputMaybe<Scalars['Float']['input']>;
  /** Which legacy backup to restore from. */
  type: LegacyBackupType;
  /** Skip Restricted Restore. */
  unrestrictedRestore?: InputMaybe<Scalars['Boolean']['input']>;
  /** The account to restore. */
  user: Scalars['String']['input'];
};

/** Which legacy backup to restore. */
export type LegacyBackupType =
  | 'DAILY'
  | 'MONTHLY'
  | 'WEEKLY';

/** A failed poll of WHM; the poller retries with exponential backoff. */
export type LivePollError = {
  __typename?: 'LivePollError';
  /** The error code, as for queries: WHM_UNAVAILABLE, WHM_TIMEOUT, WHM_API_ERROR … */
  code: Scalars['String']['output'];
  /** Polls that failed in a row, this one included. */
  consecutiveFailures: Scalars['Int']['output'];
  /** What went wrong. */
  message: Scalars['String']['output'];
};

/**
 * How the gateway watches a session for subscribers: one shared poller per session reads WHM, whatever
 * the number of subscribers. When WHM fails, the subscription stays open and polling retries with a
 * growing delay; the failure and the next retry show here.
 */
export type LiveStatus = {
  __typename?: 'LiveStatus';
  /** Why the last poll failed, or null when it worked. Subscribers keep their subscription either way. */
  lastError?: Maybe<LivePollError>;
  /** When the next poll (after a failure: the next retry) is due; null when polling has ended. */
  nextPollAt?: Maybe<Scalars['DateTime']['output']>;
  /** True while the gateway polls WHM for this session; false once the session reached a final state. */
  polling: Scalars['Boolean']['output'];
};

/** The target server as the analysis saw it. */
export type LocalServerFacts = {
  __typename?: 'LocalServerFacts';
  /** IPs free for dedicated use. */
  availableIps: Array<Scalars['String']['output']>;
  /** This server's hostname. */
  host?: Maybe<Scalars['String']['output']>;
  /** This server's major version, such as 11.90. */
  majorVersion?: Maybe<Scalars['String']['output']>;
  /** This server's cPanel & WHM version, such as 11.90.0.6. */
  version?: Maybe<Scalars['String']['output']>;
};

/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Stops a PENDING, RUNNING, PAUSING or PAUSED session for good: ABORTING, then ABORTED. INVALID_STATE once it has ended. */
  abortTransferSession: TransferSessionPayload;
  /** Starts processing the restore queue. */
  activateRestoreQueue: RestoreQueuePayload;
  /** Adds an account to the restore queue. */
  addRestoreQueueTask: RestoreQueuePayload;
  /** Runs the remote analysis of a root session again. */
  analyzeTransferSession: TransferSessionPayload;
  /**
   * Checks SSH login and root access to a source server (`remote_basic_credential_check`) without creating a
   * session. A mutation, although WHM changes nothing, so credentials travel only in POST bodies.
   */
  checkRemoteCredentials: CheckRemoteCredentialsPayload;
  /**
   * Removes one finished task from the restore queue's list (`restore_queue_clear_completed_task`), named
   * by its account and its `startedAt`, as `restoreQueue { completed { job { user } startedAt } }` gives them.
   */
  clearCompletedRestoreTask: RestoreQueuePayload;
  /** Removes an account's task that waits in the restore queue (`restore_queue_clear_pending_task`). */
  clearPendingRestoreTask: RestoreQueuePayload;
  /** Removes a whole set of tasks from the restore queue. */
  clearRestoreQueue: RestoreQueuePayload;
  /** Opens a session to a source server with root or escalated access; WHM analyses the source at once. */
  createRemoteRootTransferSession: CreateTransferSessionPayload;
  /** Opens a session with one account's own credentials on the source. */
  createRemoteUserTransferSession: CreateTransferSessionPayload;
  /** Removes leftover archives of an account (`delete_account_archives`). */
  deleteAccountArchives: DeleteAccountArchivesPayload;
  /**
   * Queues items on a PENDING or PAUSED session. Every item is checked first (its `issues`: not on the
   * source, unrenamed conflicts, taken or invalid local names, duplicates, modules that do not fit the
   * session), with all the WHM reads of the check in one `batch`; an item with a blocking issue is not
   * sent unless `force`. With `dryRun` only the check runs and nothing is sent. The rest goes to WHM as
   * ONE `batch` request; each item succeeds or fails on its own. Account sizes default to the remote
   * analysis's figures.
   */
  enqueueTransferItems: EnqueueTransferItemsPayload;
  /** Asks a RUNNING session to pause: it goes PAUSING, then PAUSED once running items finish. INVALID_STATE otherwise. */
  pauseTransferSession: TransferSessionPayload;
  /** Remembers a session created elsewhere (after checking WHM knows it), so it appears in `transferSessions`. */
  registerTransferSession: TransferSessionPayload;
  /** Restores an account from a legacy daily/weekly/monthly backup; WHM runs it as a session. */
  restoreAccount: TransferSessionPayload;
  /** Restores an account from a cpmove archive on the server, as a session. */
  restoreFromCpmove: TransferSessionPayload;
  /** Resumes a PAUSED session (WHM resumes with `start_transfer_session`). INVALID_STATE otherwise. */
  resumeTransferSession: TransferSessionPayload;
  /**
   * Retries items of a root or user session in a NEW session on the same source host: the items that
   * FAILED (the default), or the ones named in `items`. Nothing is created when there is nothing to retry
   * or a named item is not in the session (NOT_FOUND). Carried over for each item: its module, name,
   * local name and size — what the registry and master.log hold. NOT carried over, because the gateway
   * never stores them: the item's other options (dedicated IP, skips, overwrite, force, live transfer …)
   * and the session's options (threads, compression, …), which take WHM's defaults; to change those,
   * create a session and enqueue the items yourself. The new session records `retriedFrom` and is
   * left PENDING, its items queued in one WHM batch (each succeeds or fails on its own).
   */
  retryTransferItems: RetryTransferItemsPayload;
  /** Starts a PENDING session (`start_transfer_session`); INVALID_STATE for any other state, or when the gateway created it and no item was queued. */
  startTransferSession: TransferSessionPayload;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationAbortTransferSessionArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationActivateRestoreQueueArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationAddRestoreQueueTaskArgs = {
  input: AddRestoreQueueTaskInput;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationAnalyzeTransferSessionArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationCheckRemoteCredentialsArgs = {
  input: CheckRemoteCredentialsInput;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationClearCompletedRestoreTaskArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
  startedAt: Scalars['DateTime']['input'];
  user: Scalars['String']['input'];
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationClearPendingRestoreTaskArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
  user: Scalars['String']['input'];
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationClearRestoreQueueArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
  tasks: RestoreQueueTaskSet;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationCreateRemoteRootTransferSessionArgs = {
  input: CreateRemoteRootTransferSessionInput;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationCreateRemoteUserTransferSessionArgs = {
  input: CreateRemoteUserTransferSessionInput;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationDeleteAccountArchivesArgs = {
  mountpoint?: InputMaybe<Scalars['String']['input']>;
  server?: InputMaybe<Scalars['ID']['input']>;
  user: Scalars['String']['input'];
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationEnqueueTransferItemsArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  force?: InputMaybe<Scalars['Boolean']['input']>;
  items: Array<TransferItemInput>;
  server?: InputMaybe<Scalars['ID']['input']>;
  sessionId: Scalars['ID']['input'];
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationPauseTransferSessionArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationRegisterTransferSessionArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationRestoreAccountArgs = {
  input: RestoreAccountInput;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationRestoreFromCpmoveArgs = {
  input: RestoreFromCpmoveInput;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationResumeTransferSessionArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationRetryTransferItemsArgs = {
  credentials: RetryCredentialsInput;
  items?: InputMaybe<Array<RetryItemInput>>;
  server?: InputMaybe<Scalars['ID']['input']>;
  sessionId: Scalars['ID']['input'];
};


/**
 * Drive the Transfer and Restore workflow. Each mutation returns a payload whose `userErrors` list
 * what WHM refused; inputs the gateway can judge itself are checked first and rejected with a
 * `BAD_USER_INPUT` error, without any call to WHM.
 */
export type MutationStartTransferSessionArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};

/** A hosting package from the source (module PackageRemoteRoot). */
export type PackageRemoteRootItemInput = {
  /** Package name on the source. */
  package: Scalars['String']['input'];
  /** Size in bytes (default 1). */
  size?: InputMaybe<Scalars['Float']['input']>;
};

/** Cursor pagination facts, as in the Relay connection model. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Opaque cursor of the last element; pass it as `after` to read on. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Something the plan check found about one item before anything went to WHM. */
export type PlanIssue = {
  __typename?: 'PlanIssue';
  /** True when the item would fail (it is held back unless `force: true`); false for a warning. */
  blocking: Scalars['Boolean']['output'];
  /** A stable code to branch on. */
  code: PlanIssueCode;
  /** Path to the input at fault, for example ["items", "2", "accountRemoteRoot", "options", "localUser"]. */
  field: Array<Scalars['String']['output']>;
  /** What is wrong and what to do, in plain words (WHM's own words where WHM was asked). */
  message: Scalars['String']['output'];
  /** A free local name to use as `localUser` instead (CONFLICT_NOT_RENAMED, LOCAL_NAME_TAKEN); checked with WHM. */
  suggestedLocalUser?: Maybe<Scalars['String']['output']>;
};

/** Codes of `PlanIssue`. */
export type PlanIssueCode =
  /** A check could not be made (WHM did not answer it); the item was judged without it. Warning. */
  | 'CHECK_FAILED'
  /** The username exists here and the item neither renames it (`localUser`) nor overwrites it (`force`). Blocking. */
  | 'CONFLICT_NOT_RENAMED'
  /** A database or database user of the account exists here. Warning. */
  | 'DATABASE_CONFLICT'
  /** The account's domain belongs to an account here; WHM may refuse it at restore. Warning. */
  | 'DOMAIN_CONFLICT'
  /** The same item, or the same local name, appears earlier in the list. Blocking. */
  | 'DUPLICATE_ITEM'
  /** The local name is reserved or not valid here. Blocking. */
  | 'LOCAL_NAME_INVALID'
  /** The new local name (`localUser`) is already taken here. Blocking. */
  | 'LOCAL_NAME_TAKEN'
  /** The module does not fit the session kind (AccountRemoteUser needs a user session; user sessions take account modules only). Blocking. */
  | 'MODULE_NOT_FOR_SESSION'
  /** The account or package is not on the source server (per the session's remote analysis). Blocking. */
  | 'NOT_ON_SOURCE';

/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type Query = {
  __typename?: 'Query';
  /** Restore points of the backup system, newest first as WHM lists them. */
  backupDates?: Maybe<Array<BackupRestorePoint>>;
  /** Archives on the server that `restoreFromCpmove` can restore. */
  cpmoveArchives?: Maybe<Array<CpmoveArchive>>;
  /** Restore modules and what they restore. */
  restoreModules?: Maybe<Array<RestoreModule>>;
  /** The backup system's restore queue. */
  restoreQueue: RestoreQueue;
  /** Every configured WHM server, the default first. */
  servers: Array<WhmServer>;
  /**
   * Checks many usernames at once: one WHM `batch` request per chunk of the server's maximum batch size.
   * Entries follow the input order; an entry is null, with one error at its index, when its name is
   * invalid (BAD_USER_INPUT, no WHM call for it) or WHM could not answer for it.
   */
  systemUsers: Array<Maybe<SystemUser>>;
  /** The keys one module accepts. */
  transferModuleSchema?: Maybe<TransferModuleSchema>;
  /** Modules that can enqueue items, by priority. */
  transferModules?: Maybe<Array<TransferModule>>;
  /** One session by id; null when WHM does not know it. */
  transferSession?: Maybe<TransferSession>;
  /** Sessions the gateway created or adopted, newest first, `first` (1–100, default 20) at a time. */
  transferSessions: TransferSessionConnection;
  /** Checks one username on the target server (`validate_system_user`). */
  validateSystemUser?: Maybe<SystemUser>;
  /** Webhook deliveries on the servers you may use, newest first (1–100 a page; `after`: a previous page's endCursor). */
  webhookDeliveries: WebhookDeliveryConnection;
  /** Writes sent to WHM on the servers you may use, newest first (1–100). `unresolved: true` keeps those still open (in flight, or cut off by a crash) or UNKNOWN. */
  whmWrites: Array<WhmWrite>;
  /** The caller of this request: name, role and the servers they may use. Asks nothing of WHM. */
  whoami: Caller;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryBackupDatesArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryCpmoveArchivesArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryRestoreModulesArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryRestoreQueueArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QuerySystemUsersArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
  usernames: Array<Scalars['String']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryTransferModuleSchemaArgs = {
  module: Scalars['String']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryTransferModulesArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryTransferSessionArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryTransferSessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TransferSessionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryValidateSystemUserArgs = {
  server?: InputMaybe<Scalars['ID']['input']>;
  username: Scalars['String']['input'];
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WebhookDeliveryFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Read the Transfer and Restore state of the configured WHM servers. Every server-scoped field takes
 * an optional `server` (a configured server's name); without it the first configured server is used.
 */
export type QueryWhmWritesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  unresolved?: InputMaybe<Scalars['Boolean']['input']>;
};

/** An account on the source server. */
export type RemoteAccount = {
  __typename?: 'RemoteAccount';
  /** Disk used, in bytes. */
  bytesUsed?: Maybe<Scalars['Float']['output']>;
  /**
   * What this account would collide with here: the analysis's conflicts for its user, domain, databases and
   * database users, with the USER conflict taken from `localUser` (checked now, in the same WHM batch).
   */
  conflicts: Array<AccountConflict>;
  /** Main domain. */
  domain: Scalars['String']['output'];
  /** Files (inodes) used. */
  filesUsed?: Maybe<Scalars['Float']['output']>;
  /** The account has a dedicated IP on the source. */
  hasDedicatedIp: Scalars['Boolean']['output'];
  /** The same username checked on the target server; batched across all accounts of the query (null, with an error, when WHM could not answer). */
  localUser?: Maybe<SystemUser>;
  /** Owning reseller. */
  owner?: Maybe<Scalars['String']['output']>;
  /**
   * When the username is taken here: a free local name to give as `localUser` (checked with
   * `validate_system_user` in the same WHM batch as `localUser`); null when there is no conflict or no
   * candidate was free.
   */
  suggestedLocalUser?: Maybe<Scalars['String']['output']>;
  /** Username on the source. */
  user: Scalars['String']['output'];
};

/** What the remote analysis of a root session found on the source server (`retrieve_transfer_session_remote_analysis`). */
export type RemoteAnalysis = {
  __typename?: 'RemoteAnalysis';
  /** The source's accounts, one per main domain, sorted by domain. */
  accounts: Array<RemoteAccount>;
  /** Names the source shares with this server (users, domains, databases, database users), as the analysis found them. */
  conflicts: Array<AccountConflict>;
  /** The session copies reseller privileges. */
  copyResellerPrivileges?: Maybe<Scalars['Boolean']['output']>;
  /** Database users on the source. */
  databaseUsers: Array<RemoteDatabase>;
  /** Databases on the source. */
  databases: Array<RemoteDatabase>;
  /** Facts about this (target) server as the analysis saw them. */
  local: LocalServerFacts;
  /** Per-subsystem comparisons (Apache, MySQL, Exim …) with WHM's warnings. */
  modules: Array<AnalysisModule>;
  /** The source's hosting packages. */
  packages: Array<RemotePackage>;
  /** Facts about the source server. */
  remote: RemoteServerFacts;
  /** The session analysed. */
  sessionId: Scalars['ID']['output'];
  /** The source and target share one MySQL server. */
  sharedMysqlServer?: Maybe<Scalars['Boolean']['output']>;
  /** The session skips Restricted Restore. */
  unrestrictedRestore?: Maybe<Scalars['Boolean']['output']>;
};

/**
 * Credentials for the source server: a password, or the name of one of WHM's root SSH keys (with its
 * passphrase when encrypted). Secrets are sent to WHM in request bodies only and never stored or logged.
 */
export type RemoteCredentialsInput = {
  /** Password of `user`. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Name of a key from WHM's root SSH keys. */
  sshKeyName?: InputMaybe<Scalars['String']['input']>;
  /** Passphrase of that key. */
  sshKeyPassphrase?: InputMaybe<Scalars['String']['input']>;
};

/** A database or database user on the source. */
export type RemoteDatabase = {
  __typename?: 'RemoteDatabase';
  /** MYSQL or PGSQL. */
  engine: Scalars['String']['output'];
  /** Name of the database or database user. */
  name: Scalars['String']['output'];
  /** The account that owns it. */
  owner?: Maybe<Scalars['String']['output']>;
};

/** A hosting package on the source. */
export type RemotePackage = {
  __typename?: 'RemotePackage';
  /** Its feature list. */
  featureList?: Maybe<Scalars['String']['output']>;
  /** Package name on the source. */
  name: Scalars['String']['output'];
};

/** The source server as the analysis saw it. */
export type RemoteServerFacts = {
  __typename?: 'RemoteServerFacts';
  /** The source reports each account's disk usage (`has_disk_used`); null when unknown. */
  hasDiskUsed?: Maybe<Scalars['Boolean']['output']>;
  /** The source reports each account's file (inode) count (`has_files_used`); null when unknown. */
  hasFilesUsed?: Maybe<Scalars['Boolean']['output']>;
  /** The source reports which reseller owns each account (WHM's `has_owners`); null when unknown. */
  hasOwners?: Maybe<Scalars['Boolean']['output']>;
  /** The source supports package extensions (`has_package_extensions`); null when unknown. */
  hasPackageExtensions?: Maybe<Scalars['Boolean']['output']>;
  /** The host or IP given when creating the session. */
  host?: Maybe<Scalars['String']['output']>;
  /** The source's own hostname, as it reports it. */
  hostname?: Maybe<Scalars['String']['output']>;
  /** The source's major version, such as 11.90; null when the source is not cPanel. */
  majorVersion?: Maybe<Scalars['String']['output']>;
  /** Resellers on the source (always includes root). */
  resellers: Array<Scalars['String']['output']>;
  /** WHM's internal type id, such as WHM1164, or Plesk, Ensim … */
  serverType?: Maybe<Scalars['String']['output']>;
  /** The source can do live transfers (see `liveTransfer` on account items); null when WHM did not say. */
  supportsLiveTransfers?: Maybe<Scalars['Boolean']['output']>;
  /** The source's cPanel & WHM version, such as 11.90.0.6. */
  version?: Maybe<Scalars['String']['output']>;
};

/** How to rewrite IP addresses in DNS zones. */
export type ReplaceIpMode =
  /** Every A record that points at the source. */
  | 'ALL'
  /** Only the basic records (domain, www, mail …). */
  | 'BASIC';

/** Everything `restoreaccount` takes: restore an account's latest legacy backup. Set at least one of `createAccount`, `mail`, `mysql` or `subdomains`. */
export type RestoreAccountInput = {
  /** Create the account first (fails when it exists). */
  createAccount?: InputMaybe<Scalars['Boolean']['input']>;
  /** Give the account a dedicated IP. */
  dedicatedIp?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore the mail configuration (filters and aliases). */
  mail?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restore MySQL databases. */
  mysql?: InputMaybe<Scalars['Boolean']['input']>;
  /** Server to restore on (default: the first configured). */
  server?: InputMaybe<Scalars['ID']['input']>;
  /** Restore subdomains. */
  subdomains?: InputMaybe<Scalars['Boolean']['input']>;
  /** Which legacy backup to restore from: daily, weekly or monthly. */
  type: LegacyBackupType;
  /** The account to restore. */
  user: Scalars['String']['input'];
};

/** Everything `start_local_cpmove_restore` takes, named plainly. */
export type RestoreFromCpmoveInput = {
  /** Give the account a dedicated IP. */
  dedicatedIp?: InputMaybe<Scalars['Boolean']['input']>;
  /** Delete the archive after the restore. Needs the ADMIN role, like deleteAccountArchives (FORBIDDEN otherwise). */
  deleteArchive?: InputMaybe<Scalars['Boolean']['input']>;
  /** Mail location: `.local`, `.existing` (WHM's default) or a linked node alias. */
  mailLocation?: InputMaybe<Scalars['String']['input']>;
  /** Overwrite an existing account of the same name. */
  overwrite?: InputMaybe<Scalars['Boolean']['input']>;
  /** A cpmove tarball or extracted directory on the server (see `cpmoveArchives`). */
  path: Scalars['String']['input'];
  /** Restore under Restricted Restore. */
  restricted?: InputMaybe<Scalars['Boolean']['input']>;
  /** Server holding the archive, which runs the restore (default: the first configured). */
  server?: InputMaybe<Scalars['ID']['input']>;
  /** Which DNS A records to rewrite to the account's new IP. */
  updateARecords?: InputMaybe<ReplaceIpMode>;
  /** Name for the restored account (default: the archive's). */
  username?: InputMaybe<Scalars['String']['input']>;
};

/** A restore task. */
export type RestoreJob = {
  __typename?: 'RestoreJob';
  /** The backup destination id (WHM's `destid`); null when WHM names none (the default is local). */
  destination?: Maybe<Scalars['String']['output']>;
  /** Give the account a dedicated IP (WHM's `give_ip`). */
  giveIp: Scalars['Boolean']['output'];
  /** Restore the mail configuration (WHM's `mail_config`). */
  mailConfig: Scalars['Boolean']['output'];
  /** Restore MySQL databases (WHM's `mysql`). */
  mysql: Scalars['Boolean']['output'];
  /** The backup date to restore from, as listed by `backupDates`. */
  restorePoint: Scalars['String']['output'];
  /** Restore subdomains (WHM's `subdomains`). */
  subdomains: Scalars['Boolean']['output'];
  /** The account to restore. */
  user: Scalars['String']['output'];
};

/** How a finished restore ended. */
export type RestoreJobResult =
  | 'FAILED'
  | 'SUCCEEDED'
  | 'SUCCEEDED_WITH_WARNINGS'
  | 'UNKNOWN';

/** A restore module and what it restores (`restore_modules_summary`). */
export type RestoreModule = {
  __typename?: 'RestoreModule';
  /** Module name, such as Homedir or Mysql. */
  name: Scalars['String']['output'];
  /** WHM's further notes on the module; empty when it has none. */
  notes: Array<Scalars['String']['output']>;
  /** Available under Restricted Restore. */
  restrictedAvailable: Scalars['Boolean']['output'];
  /** What it restores under Restricted Restore. */
  restrictedSummary: Array<Scalars['String']['output']>;
  /** What the module restores, one line per entry. */
  summary: Array<Scalars['String']['output']>;
};

/** The restore queue of the backup system. The fields a query asks for are read in one WHM batch. */
export type RestoreQueue = {
  __typename?: 'RestoreQueue';
  /** Tasks running now, with their destination (`restore_queue_list_active`). */
  active?: Maybe<Array<RestoreJob>>;
  /** Finished tasks with their outcome (`restore_queue_list_completed`). */
  completed?: Maybe<Array<CompletedRestoreJob>>;
  /** The queue is being processed (`restore_queue_is_active`). */
  isActive?: Maybe<Scalars['Boolean']['output']>;
  /** Tasks waiting to run, with their destination (`restore_queue_list_pending`). */
  pending?: Maybe<Array<RestoreJob>>;
};

/** The result of a restore queue mutation. */
export type RestoreQueuePayload = {
  __typename?: 'RestoreQueuePayload';
  /** The server's restore queue as it now is. */
  queue?: Maybe<RestoreQueue>;
  /** WHM's id of the task added (`addRestoreQueueTask` only). */
  queueId?: Maybe<Scalars['String']['output']>;
  /** What WHM refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Which tasks `clearRestoreQueue` removes. */
export type RestoreQueueTaskSet =
  /** Pending and finished tasks alike (`restore_queue_clear_all_tasks`). */
  | 'ALL'
  /** Every finished task, failed or not (`restore_queue_clear_all_completed_tasks`). */
  | 'COMPLETED'
  /** Finished tasks that failed (`restore_queue_clear_all_failed_tasks`). */
  | 'FAILED'
  /** Every task waiting to run (`restore_queue_clear_all_pending_tasks`). */
  | 'PENDING';

/**
 * How to log in to the source again: the gateway stores no credentials, so a retry needs them anew.
 * Root sessions: `password` or `sshKeyName` (with `sshKeyPassphrase` for an encrypted key), plus `user`,
 * `escalation`, `port` and `transport` when the original session needed them (they are not stored either).
 * User sessions: `password` only, the account's.
 */
export type RetryCredentialsInput = {
  /** How `user` becomes root when it is not root (root sessions). */
  escalation?: InputMaybe<RootEscalationInput>;
  /** Password of `user`; for a user session, the account's password. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** SSH port, 1–65535 (root sessions; default 22). */
  port?: InputMaybe<Scalars['Int']['input']>;
  /** Name of a key from WHM's root SSH keys (root sessions). */
  sshKeyName?: InputMaybe<Scalars['String']['input']>;
  /** Passphrase of that key. */
  sshKeyPassphrase?: InputMaybe<Scalars['String']['input']>;
  /** How this server connects to the source (root sessions; default SSH). */
  transport?: InputMaybe<CommTransport>;
  /** User to log in as (root sessions; default root). */
  user?: InputMaybe<Scalars['String']['input']>;
};

/** An item of the original session to retry. */
export type RetryItemInput = {
  /** The item's module, as `TransferItem.module` gives it; without it, every item of that name. */
  module?: InputMaybe<Scalars['String']['input']>;
  /** The item's name on the source, as `TransferItem.name` gives it. */
  name: Scalars['String']['input'];
};

/** The result of `retryTransferItems`. */
export type RetryTransferItemsPayload = {
  __typename?: 'RetryTransferItemsPayload';
  /** One result per item retried, in the original session's order; `index` is the position in this list. */
  results: Array<EnqueueItemResult>;
  /** The session whose items are retried. */
  retriedFrom?: Maybe<TransferSession>;
  /** The new session, left PENDING (start it with `startTransferSession`); null when none was created. */
  session?: Maybe<TransferSession>;
  /** Why nothing was retried, what WHM refused, or which items it did not queue (`field` ["results", index]). */
  userErrors: Array<UserError>;
  /** WHM's warnings from creating the session. */
  warnings: Array<Scalars['String']['output']>;
};

/** Who may do what: VIEWER reads, OPERATOR runs the workflow, ADMIN may also destroy (abort, delete archives). */
export type Role =
  /** Everything, including destructive operations. */
  | 'ADMIN'
  /** Runs the workflow: creates, queues, starts, pauses and resumes sessions, restores accounts. */
  | 'OPERATOR'
  /** Read-only access: every query. */
  | 'VIEWER';

/** When `user` is not root: how to escalate. */
export type RootEscalationInput = {
  /** Escalate with `su` (needs `rootPassword`) or `sudo`. */
  method: RootEscalationMethod;
  /** Root's password, needed with SU. */
  rootPassword?: InputMaybe<Scalars['String']['input']>;
};

/** How a non-root user becomes root on the source. */
export type RootEscalationMethod =
  | 'SU'
  | 'SUDO';

/**
 * Live monitoring over WebSocket (graphql-ws protocol, same URL as HTTP). Credentials go in the
 * connection_init payload: `{ "x-api-key": "…" }` or `{ "authorization": "Bearer …" }`.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Each master.log event once, in log order: first those already logged (only those after `after`,
   * a TransferEvent.cursor, when given), then each new one. Subscribing again with the last cursor
   * received resumes with no gap and no duplicate. Completes once the session reached a final state.
   */
  transferSessionEvents: TransferEvent;
  /**
   * The session now, then again each time its state, progress or items change (not on every poll).
   * Completes after pushing a final state (COMPLETED, ABORTED or FAILED).
   */
  transferSessionUpdated: TransferSession;
};


/**
 * Live monitoring over WebSocket (graphql-ws protocol, same URL as HTTP). Credentials go in the
 * connection_init payload: `{ "x-api-key": "…" }` or `{ "authorization": "Bearer …" }`.
 */
export type SubscriptionTransferSessionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Live monitoring over WebSocket (graphql-ws protocol, same URL as HTTP). Credentials go in the
 * connection_init payload: `{ "x-api-key": "…" }` or `{ "authorization": "Bearer …" }`.
 */
export type SubscriptionTransferSessionUpdatedArgs = {
  id: Scalars['ID']['input'];
  server?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * A username as judged by a WHM server (`validate_system_user`): can it be used there?
 * All flags come from one WHM answer, batched with the other names of the request: asking about
 * hundreds of names costs one WHM request. When WHM cannot answer for a name, the SystemUser itself
 * is null with one error for it in `errors` (the other names still resolve); a flag is null only
 * when WHM's answer left it out.
 */
export type SystemUser = {
  __typename?: 'SystemUser';
  /** An account (or system user) of that name already exists on the server. */
  exists?: Maybe<Scalars['Boolean']['output']>;
  /** The name is on the server's reserved list. */
  reserved?: Maybe<Scalars['Boolean']['output']>;
  /** The server that judged it. */
  server: WhmServer;
  /** The username asked about. */
  username: Scalars['String']['output'];
  /** The name passes the strict rules for creating a new account. */
  validForNew?: Maybe<Scalars['Boolean']['output']>;
  /** The name passes the looser rules that transferred accounts may use. */
  validForTransfer?: Maybe<Scalars['Boolean']['output']>;
};

/** One line of master.log, typed. */
export type TransferEvent = {
  __typename?: 'TransferEvent';
  /** The control action: start, initiator, version, queue_count, queue_size, remotehost, start-item, success-item, failed-item, complete … */
  action: Scalars['String']['output'];
  /** When WHM wrote it (absent in old logs). */
  at?: Maybe<Scalars['DateTime']['output']>;
  /** 0 for the master process, n for worker n. */
  childNumber?: Maybe<Scalars['Int']['output']>;
  /**
   * Opaque and stable position of this event in master.log, ordered like the log. Pass it as `after` to
   * TransferSession.events or transferSessionEvents to read on from here, with no gap and no duplicate.
   */
  cursor: Scalars['String']['output'];
  /** The item (account, package …) the line concerns. */
  item?: Maybe<Scalars['String']['output']>;
  /** The item's module, such as AccountRemoteRoot. */
  itemType?: Maybe<Scalars['String']['output']>;
  /** The item's name on this server. */
  localItem?: Maybe<Scalars['String']['output']>;
  /** The item's log file. */
  logfile?: Maybe<Scalars['String']['output']>;
  /** The line's message, as text. */
  message?: Maybe<Scalars['String']['output']>;
  /** The queue the line concerns. */
  queue?: Maybe<TransferQueue>;
  /** Line type: control, out, warn, success, failure. */
  type: Scalars['String']['output'];
};

/** An item of a session's queue: an account, a package, a feature list or a configuration module. */
export type TransferItem = {
  __typename?: 'TransferItem';
  /** Parts WHM had to alter. */
  alteredItems: Scalars['Int']['output'];
  /** Parts WHM judged dangerous. */
  dangerousItems: Scalars['Int']['output'];
  /** WHM's failure text when the item FAILED. */
  failure?: Maybe<Scalars['String']['output']>;
  /** When work on the item ended. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What it is, as WHM names it: Account, Package, Feature List … */
  kind?: Maybe<Scalars['String']['output']>;
  /** Its name on this server (accounts may be renamed). */
  localName?: Maybe<Scalars['String']['output']>;
  /** WHM's closing message for the item. */
  message?: Maybe<Scalars['String']['output']>;
  /** The module that handles it, such as AccountRemoteRoot or PackageRemoteRoot. */
  module: Scalars['String']['output'];
  /** The item's name on the source (user, package, feature list or config name). */
  name: Scalars['String']['output'];
  /** Log file of the item's restore step. */
  restoreLogFile?: Maybe<Scalars['String']['output']>;
  /** Size in bytes, which weights progress. */
  size?: Maybe<Scalars['Float']['output']>;
  /** Parts WHM skipped. */
  skippedItems: Scalars['Int']['output'];
  /** When work on the item started. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it is in the TRANSFER → RESTORE pipeline; UNKNOWN when WHM logged something unexpected. */
  state: TransferItemState;
  /** Log file of the item's transfer step (read it with TransferSession.log). */
  transferLogFile?: Maybe<Scalars['String']['output']>;
  /** How many warnings WHM counted for the item (from master.log, no extra read). */
  warningCount: Scalars['Int']['output'];
  /**
   * The texts of the item's warnings: the warning lines of its item logs (TRANSFER, then RESTORE), at
   * most 1000. Only logs that can hold warnings are read (a queue WHM finished without any is not), and
   * the logs of all items of a response are read in one WHM batch. Empty before WHM picks the item up.
   */
  warnings: Array<Scalars['String']['output']>;
};

/** One item to enqueue: set exactly one field, the module's input. */
export type TransferItemInput = {
  /** An account archive on this server (AccountLocal). */
  accountLocal?: InputMaybe<AccountLocalItemInput>;
  /** An account from the source of a root session (AccountRemoteRoot). */
  accountRemoteRoot?: InputMaybe<AccountRemoteRootItemInput>;
  /** The account of a user session (AccountRemoteUser). */
  accountRemoteUser?: InputMaybe<AccountRemoteUserItemInput>;
  /** A server configuration module from the source, such as EximRemoteRoot. */
  configRemoteRoot?: InputMaybe<ConfigRemoteRootItemInput>;
  /** A feature list from the source (FeatureListRemoteRoot). */
  featureListRemoteRoot?: InputMaybe<FeatureListRemoteRootItemInput>;
  /** An account from a legacy backup (LegacyAccountBackup). */
  legacyAccountBackup?: InputMaybe<LegacyAccountBackupItemInput>;
  /** A hosting package from the source (PackageRemoteRoot). */
  packageRemoteRoot?: InputMaybe<PackageRemoteRootItemInput>;
};

/** Item states: each item goes through the TRANSFER queue, then the RESTORE queue. */
export type TransferItemState =
  /** Done. */
  | 'COMPLETED'
  /** Failed; see `failure`. */
  | 'FAILED'
  /** Being restored. */
  | 'RESTORE_INPROGRESS'
  /** Transferred, waiting to be restored. */
  | 'RESTORE_PENDING'
  /** Being transferred. */
  | 'TRANSFER_INPROGRESS'
  /** Queued, not yet transferred. */
  | 'TRANSFER_PENDING'
  /** WHM logged something this gateway does not understand. */
  | 'UNKNOWN';

/** A log file of a session, possibly only its tail. */
export type TransferLog = {
  __typename?: 'TransferLog';
  /** The file name as WHM knows it. */
  file: Scalars['String']['output'];
  /** Lines in `text`. */
  lineCount: Scalars['Int']['output'];
  /** The (tail of the) file, JSON lines. */
  text: Scalars['String']['output'];
  /** True when older lines were left out (tailLines, or the gateway's size cap). */
  truncated: Scalars['Boolean']['output'];
};

/** A module that can enqueue items in transfer sessions (`available_transfer_modules`). */
export type TransferModule = {
  __typename?: 'TransferModule';
  /** Module name, such as AccountRemoteRoot. */
  name: Scalars['String']['output'];
  /** Lower runs earlier. */
  priority: Scalars['Int']['output'];
  /** The keys an item of this module accepts (loaded lazily, batched). */
  schema?: Maybe<TransferModuleSchema>;
};

/** One key of a module schema. */
export type TransferModuleKey = {
  __typename?: 'TransferModuleKey';
  /** WHM's SQL-like definition, such as `int(1) DEFAULT 0`. */
  definition: Scalars['String']['output'];
  /** The key as WHM names it, such as `localuser` or `skiphomedir`. */
  name: Scalars['String']['output'];
  /** True when an item of the module must set this key. */
  required: Scalars['Boolean']['output'];
};

/** The keys an item of a module accepts (`transfer_module_schema`). */
export type TransferModuleSchema = {
  __typename?: 'TransferModuleSchema';
  /** Every key an item of the module may carry, sorted by name. */
  keys: Array<TransferModuleKey>;
  /** The module these keys belong to. */
  module: Scalars['String']['output'];
  /** The key naming a prerequisite, on account modules. */
  prerequisite?: Maybe<Scalars['String']['output']>;
  /** Keys that identify an item within a session. */
  primary: Array<Scalars['String']['output']>;
  /** Keys an item must have. */
  required: Array<Scalars['String']['output']>;
};

/** Progress by bytes. */
export type TransferProgress = {
  __typename?: 'TransferProgress';
  /** True once the session's final `complete` line was logged. */
  completed: Scalars['Boolean']['output'];
  /** Bytes processed (successfully or not) in both queues. */
  completedBytes: Scalars['Float']['output'];
  /** 0–100, one decimal; 100 once WHM logged the session's completion. */
  percent: Scalars['Float']['output'];
  /** Each queue on its own. */
  queues: Array<TransferQueueProgress>;
  /** Bytes to process in both queues. */
  totalBytes: Scalars['Float']['output'];
};

/** Which of a session's two queues: items are transferred first, then restored. */
export type TransferQueue =
  | 'RESTORE'
  | 'TRANSFER';

/** Progress of one queue. */
export type TransferQueueProgress = {
  __typename?: 'TransferQueueProgress';
  /** Bytes this queue processed, successfully or not. */
  completedBytes: Scalars['Float']['output'];
  /** Items the queue finished, successfully or not. */
  completedItems: Scalars['Int']['output'];
  /** Items that failed in this queue. WHM also logs an item that failed in TRANSFER as failed in RESTORE; it counts in TRANSFER only. */
  failedItems: Scalars['Int']['output'];
  /** 0–100, one decimal. */
  percent: Scalars['Float']['output'];
  /** Which queue this is. */
  queue: TransferQueue;
  /** Bytes to process in this queue. */
  totalBytes: Scalars['Float']['output'];
  /** Items in the queue. */
  totalItems: Scalars['Int']['output'];
};

/**
 * A WHM transfer session: a transfer from a remote server (root or user credentials) or a restore
 * from a backup, with its queue of items, its state, its logs and its progress.
 * Fields read from WHM are null only when WHM failed to answer; `errors` then carry the reason, and
 * the other fields (and the other sessions of a list) still resolve.
 */
export type TransferSession = {
  __typename?: 'TransferSession';
  /** True when the session was created elsewhere and registered with `registerTransferSession`. */
  adopted: Scalars['Boolean']['output'];
  /** What the remote analysis found on the source (root sessions only; null for user and restore sessions). */
  analysis?: Maybe<RemoteAnalysis>;
  /** When the gateway created or adopted the session; for sessions it never saw, when the log says it started. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The gateway client that created the session, when known. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** master.error_log. */
  errorLog?: Maybe<TransferLog>;
  /**
   * Events parsed from master.log, oldest first. `after` (a TransferEvent.cursor) keeps only the events
   * logged after that one, so a polling client reads each event once; `last` then keeps only the newest.
   */
  events?: Maybe<Array<TransferEvent>>;
  /** WHM's transfer_session_id. */
  id: Scalars['ID']['output'];
  /** True when the session will not change any more (COMPLETED, ABORTED or FAILED). */
  isFinished?: Maybe<Scalars['Boolean']['output']>;
  /**
   * The queued items with their outcome. Items come from the session log (a COMPLETED session can
   * still have FAILED items) and, before they appear there, from what the gateway enqueued.
   */
  items?: Maybe<Array<TransferItem>>;
  /** How the session was created. */
  kind: TransferSessionKind;
  /** How the session is being watched: set on sessions pushed by transferSessionUpdated, null in queries. */
  live?: Maybe<LiveStatus>;
  /** One of the session's log files: master.log (default), master.error_log, or an item log named in master.log. */
  log?: Maybe<TransferLog>;
  /** Progress by bytes, per queue and overall, as WHM's own transfer view computes it. */
  progress?: Maybe<TransferProgress>;
  /** The source host, for transfers (from the registry, else from the session log). */
  remoteHost?: Maybe<Scalars['String']['output']>;
  /** The session whose items this one retries (made by `retryTransferItems`); null for any other session. */
  retriedFrom?: Maybe<TransferSession>;
  /** The sessions `retryTransferItems` made from this one, newest first (at most 100). */
  retries: Array<TransferSession>;
  /** The WHM server the session lives on. */
  server: WhmServer;
  /** The session state (`get_transfer_session_state`); UNKNOWN when WHM reports a state this gateway does not know. */
  state?: Maybe<TransferSessionState>;
  /** The state name exactly as WHM sent it. */
  stateName?: Maybe<Scalars['String']['output']>;
};


/**
 * A WHM transfer session: a transfer from a remote server (root or user credentials) or a restore
 * from a backup, with its queue of items, its state, its logs and its progress.
 * Fields read from WHM are null only when WHM failed to answer; `errors` then carry the reason, and
 * the other fields (and the other sessions of a list) still resolve.
 */
export type TransferSessionErrorLogArgs = {
  tailLines?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A WHM transfer session: a transfer from a remote server (root or user credentials) or a restore
 * from a backup, with its queue of items, its state, its logs and its progress.
 * Fields read from WHM are null only when WHM failed to answer; `errors` then carry the reason, and
 * the other fields (and the other sessions of a list) still resolve.
 */
export type TransferSessionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A WHM transfer session: a transfer from a remote server (root or user credentials) or a restore
 * from a backup, with its queue of items, its state, its logs and its progress.
 * Fields read from WHM are null only when WHM failed to answer; `errors` then carry the reason, and
 * the other fields (and the other sessions of a list) still resolve.
 */
export type TransferSessionLogArgs = {
  file?: InputMaybe<Scalars['String']['input']>;
  tailLines?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of sessions, newest first. */
export type TransferSessionConnection = {
  __typename?: 'TransferSessionConnection';
  /** The sessions of this page, each with its cursor (Relay edges). */
  edges: Array<TransferSessionEdge>;
  /** The sessions of this page, the same as `edges[].node`. */
  nodes: Array<TransferSession>;
  /** Whether another page follows, and the cursor to read on from. */
  pageInfo: PageInfo;
  /** Sessions matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A session in a page of `transferSessions`, with its cursor (Relay edge). */
export type TransferSessionEdge = {
  __typename?: 'TransferSessionEdge';
  /** Opaque cursor of this session; pass it as `after` to read the sessions after it. */
  cursor: Scalars['String']['output'];
  /** The session. */
  node: TransferSession;
};

/**
 * Which sessions to list. WHM cannot list sessions, so this reads the gateway's registry; `states`
 * matches the state WHM reports now.
 */
export type TransferSessionFilter = {
  /** Only sessions of these kinds. */
  kinds?: InputMaybe<Array<TransferSessionKind>>;
  /** Only sessions on this server. */
  server?: InputMaybe<Scalars['ID']['input']>;
  /**
   * Only sessions WHM reports in one of these states now (unfinished sessions' states are read from WHM
   * in one batch per chunk of the listing). With `states`, a page may hold fewer than `first` sessions
   * while `hasNextPage` is true (the scan is bounded): go on from `endCursor`. `totalCount` then counts
   * by the states last seen, which the listing refreshes for the sessions it reads.
   */
  states?: InputMaybe<Array<TransferSessionState>>;
};

/** How a session was created. */
export type TransferSessionKind =
  /** A restore from a backup or cpmove archive on this server. */
  | 'RESTORE'
  /** A transfer from a remote server with root (or escalated) access. */
  | 'ROOT'
  /** A transfer of one account using that account's own credentials. */
  | 'USER';

/** The result of a mutation on a session. */
export type TransferSessionPayload = {
  __typename?: 'TransferSessionPayload';
  /** The session concerned; null when it could not be created. */
  session?: Maybe<TransferSession>;
  /** What WHM refused. */
  userErrors: Array<UserError>;
  /** Warnings WHM reported while succeeding. */
  warnings: Array<Scalars['String']['output']>;
};

/** Session states, as real WHM servers report them (the published spec's enum mixes in item states). */
export type TransferSessionState =
  /** Stopped for good by an abort. */
  | 'ABORTED'
  /** An abort was asked for. */
  | 'ABORTING'
  /** All queues done. Individual items may still have failed: look at `items`. */
  | 'COMPLETED'
  /** Failed (also set by WHM when pausing or aborting a session that was not running). */
  | 'FAILED'
  /** Paused; start it again to resume. */
  | 'PAUSED'
  /** A pause was asked for; running items finish first. */
  | 'PAUSING'
  /** Created, not started; items may be queued. */
  | 'PENDING'
  /** WHM's internal memory guard state. */
  | 'REACHEDMAXMEM'
  /** Transferring and restoring. */
  | 'RUNNING'
  /** A state this gateway does not know; `stateName` holds WHM's text. */
  | 'UNKNOWN';

/** Something WHM (or the gateway) refused in a mutation, attached to the input it concerns. */
export type UserError = {
  __typename?: 'UserError';
  /** A stable code to branch on. */
  code: UserErrorCode;
  /** Path to the input field at fault, for example `["items", "3", "user"]`; null when it concerns the whole request. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** What went wrong, in WHM's own words when WHM refused. */
  message: Scalars['String']['output'];
};

/** Stable codes of `UserError`. */
export type UserErrorCode =
  /** The session is not in a state that allows this (for example resuming a session that is not PAUSED). */
  | 'INVALID_STATE'
  /** The session or object named does not exist on that server. */
  | 'NOT_FOUND'
  /** The request was not sent because an earlier part failed. */
  | 'NOT_RUN'
  /** The gateway held the item back: a blocking plan issue (see `issues`); `force: true` sends it anyway. */
  | 'PLAN_ISSUE'
  /** The source refused the SSH login (password, key or passphrase). */
  | 'REMOTE_AUTH_REFUSED'
  /** The login worked, becoming root did not (su password, sudo rights, or no escalation method given). */
  | 'REMOTE_ESCALATION_REFUSED'
  /** The source host could not be reached: DNS, connection refused, timeout, no route. */
  | 'REMOTE_HOST_UNREACHABLE'
  /** WHM answered and refused (its `metadata.result` was 0); the message is WHM's reason. */
  | 'WHM_API_ERROR'
  /** WHM refused the gateway's credentials. */
  | 'WHM_AUTH_FAILED'
  /** WHM answered success without the data it must return; WHM may have acted (the message says what to check). */
  | 'WHM_PROTOCOL_ERROR'
  /** WHM did not answer in time; the message says whether WHM may have acted. */
  | 'WHM_TIMEOUT'
  /** The WHM request carrying this could not be completed (connection, TLS, HTTP 5xx, open circuit breaker). */
  | 'WHM_UNAVAILABLE';

/** One event for one webhook target, and what became of it. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** When the event was written to the outbox. */
  createdAt: Scalars['DateTime']['output'];
  /** When the target accepted it. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The event's id, the same on every attempt (the `id` of the JSON body, and the `Webhook-Id` header). */
  eventId: Scalars['ID']['output'];
  /** session.state_changed, session.finished, item.failed or restore.finished. */
  eventType: Scalars['String']['output'];
  /** The outbox row's id (orders the rows: a target receives a session's events in this order). */
  id: Scalars['ID']['output'];
  /** Why the last attempt failed (for example `HTTP 500`, `no answer within 10000 ms`); null once delivered. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The HTTP status of the last answer, if there was one. */
  lastHttpStatus?: Maybe<Scalars['Int']['output']>;
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** The JSON body sent (the event: id, type, occurredAt, server, sessionId, data). */
  payload: Scalars['JSON']['output'];
  /** The WHM server of the session. */
  server: Scalars['String']['output'];
  /** The transfer session the event is about. */
  sessionId: Scalars['ID']['output'];
  /** Where the delivery stands. */
  status: WebhookDeliveryStatus;
  /** The target's name in GATEWAY_WEBHOOKS (its URL is never shown). */
  target: Scalars['String']['output'];
};

/** A page of webhook deliveries, newest first. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** The deliveries of this page. */
  nodes: Array<WebhookDelivery>;
  /** Whether another page follows, and the cursor to read on from. */
  pageInfo: PageInfo;
};

/** Which deliveries to list; every given criterion must match. */
export type WebhookDeliveryFilter = {
  /** Only this event type, e.g. item.failed. */
  eventType?: InputMaybe<Scalars['String']['input']>;
  /** Only sessions on this server. */
  server?: InputMaybe<Scalars['ID']['input']>;
  /** Only this session. */
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  /** Only these statuses. */
  status?: InputMaybe<Array<WebhookDeliveryStatus>>;
  /** Only this target (its name in GATEWAY_WEBHOOKS). */
  target?: InputMaybe<Scalars['String']['input']>;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  /** The target answered 2xx. */
  | 'DELIVERED'
  /** Every attempt failed until the event was 24 hours old: no more attempts. */
  | 'FAILED'
  /** Written to the outbox, not tried yet. */
  | 'PENDING'
  /** Tried and failed (no answer, or not a 2xx); it is tried again at `nextAttemptAt`. */
  | 'RETRYING';

/** A WHM server the gateway is configured to talk to. Its credentials are never exposed. */
export type WhmServer = {
  __typename?: 'WhmServer';
  /** True for the server used when a field is given no `server`. */
  isDefault: Scalars['Boolean']['output'];
  /** True when this is the gateway's embedded WHM simulator (demo mode). */
  isSimulator: Scalars['Boolean']['output'];
  /** The configured name; pass it as `server` to any server-scoped field. */
  name: Scalars['ID']['output'];
  /** Base URL of the server's WHM (for example https://whm.example.com:2087). */
  url: Scalars['String']['output'];
};

/** A write the gateway sent to WHM, as its journal recorded it. */
export type WhmWrite = {
  __typename?: 'WhmWrite';
  /** WHM's reason or the failure, when there was one. */
  detail?: Maybe<Scalars['String']['output']>;
  /** When the outcome was recorded. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Journal entry id. */
  id: Scalars['ID']['output'];
  /** While open or UNKNOWN: what WHM may have done, where and when, in one sentence. */
  mayHaveDone?: Maybe<Scalars['String']['output']>;
  /** The outcome; null while the call may still be running. An entry left open past the call's timeout reads UNKNOWN. */
  outcome?: Maybe<WhmWriteOutcome>;
  /** The call's parameters, never with a credential. */
  params: Scalars['JSON']['output'];
  /** The request id (X-Request-Id) of the GraphQL request that sent it. */
  requestId: Scalars['String']['output'];
  /** Who asked (API key name, JWT subject, or anonymous). */
  requestedBy: Scalars['String']['output'];
  /** The server written to. */
  server: WhmServer;
  /** When the intent was recorded, just before sending. */
  startedAt: Scalars['DateTime']['output'];
  /** The WHM function called. */
  whmFunction: Scalars['String']['output'];
};

/** What became of a write to WHM. */
export type WhmWriteOutcome =
  /** The request never reached WHM (connection refused, breaker open, no free connection): WHM did nothing. */
  | 'FAILED'
  /** WHM answered and refused (`metadata.result` 0). */
  | 'REFUSED'
  /** WHM did it. */
  | 'SUCCEEDED'
  /** WHM may have acted: the answer was lost (timeout, reset) or the gateway stopped before recording it. */
  | 'UNKNOWN';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccountConflict: ResolverTypeWrapper<AccountConflict>;
  AccountConflictKind: AccountConflictKind;
  AccountItemOptions: AccountItemOptions;
  AccountLocalItemInput: AccountLocalItemInput;
  AccountRemoteRootItemInput: AccountRemoteRootItemInput;
  AccountRemoteUserItemInput: AccountRemoteUserItemInput;
  AddRestoreQueueTaskInput: AddRestoreQueueTaskInput;
  AnalysisModule: ResolverTypeWrapper<AnalysisModuleModel>;
  BackupRestorePoint: ResolverTypeWrapper<BackupRestorePointModel>;
  BackupUser: ResolverTypeWrapper<BackupUser>;
  BackupUserStatus: BackupUserStatus;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Caller: ResolverTypeWrapper<Caller>;
  CheckRemoteCredentialsInput: CheckRemoteCredentialsInput;
  CheckRemoteCredentialsPayload: ResolverTypeWrapper<CheckRemoteCredentialsPayload>;
  CommTransport: CommTransport;
  CompletedRestoreJob: ResolverTypeWrapper<CompletedRestoreJobModel>;
  ConfigRemoteRootItemInput: ConfigRemoteRootItemInput;
  CpmoveArchive: ResolverTypeWrapper<CparchiveFile>;
  CreateRemoteRootTransferSessionInput: CreateRemoteRootTransferSessionInput;
  CreateRemoteUserTransferSessionInput: CreateRemoteUserTransferSessionInput;
  CreateTransferSessionPayload: ResolverTypeWrapper<Omit<CreateTransferSessionPayload, 'session'> & { session?: Maybe<ResolversTypes['TransferSession']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteAccountArchivesPayload: ResolverTypeWrapper<DeleteAccountArchivesPayload>;
  EnqueueItemResult: ResolverTypeWrapper<Omit<EnqueueItemResult, 'item'> & { item?: Maybe<ResolversTypes['TransferItem']> }>;
  EnqueueTransferItemsPayload: ResolverTypeWrapper<Omit<EnqueueTransferItemsPayload, 'results' | 'session'> & { results: Array<ResolversTypes['EnqueueItemResult']>, session?: Maybe<ResolversTypes['TransferSession']> }>;
  FeatureListRemoteRootItemInput: FeatureListRemoteRootItemInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  KeyValue: ResolverTypeWrapper<KeyValue>;
  LegacyAccountBackupItemInput: LegacyAccountBackupItemInput;
  LegacyBackupType: LegacyBackupType;
  LivePollError: ResolverTypeWrapper<LivePollError>;
  LiveStatus: ResolverTypeWrapper<LiveStatus>;
  LocalServerFacts: ResolverTypeWrapper<LocalServerFacts>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PackageRemoteRootItemInput: PackageRemoteRootItemInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PlanIssue: ResolverTypeWrapper<PlanIssue>;
  PlanIssueCode: PlanIssueCode;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RemoteAccount: ResolverTypeWrapper<RemoteAccountModel>;
  RemoteAnalysis: ResolverTypeWrapper<RemoteAnalysisModel>;
  RemoteCredentialsInput: RemoteCredentialsInput;
  RemoteDatabase: ResolverTypeWrapper<RemoteDatabase>;
  RemotePackage: ResolverTypeWrapper<RemoteAnalysisPackage>;
  RemoteServerFacts: ResolverTypeWrapper<RemoteServerFacts>;
  ReplaceIpMode: ReplaceIpMode;
  RestoreAccountInput: RestoreAccountInput;
  RestoreFromCpmoveInput: RestoreFromCpmoveInput;
  RestoreJob: ResolverTypeWrapper<WhmRestoreJob>;
  RestoreJobResult: RestoreJobResult;
  RestoreModule: ResolverTypeWrapper<RestoreModuleSummary>;
  RestoreQueue: ResolverTypeWrapper<RestoreQueueModel>;
  RestoreQueuePayload: ResolverTypeWrapper<Omit<RestoreQueuePayload, 'queue'> & { queue?: Maybe<ResolversTypes['RestoreQueue']> }>;
  RestoreQueueTaskSet: RestoreQueueTaskSet;
  RetryCredentialsInput: RetryCredentialsInput;
  RetryItemInput: RetryItemInput;
  RetryTransferItemsPayload: ResolverTypeWrapper<Omit<RetryTransferItemsPayload, 'results' | 'retriedFrom' | 'session'> & { results: Array<ResolversTypes['EnqueueItemResult']>, retriedFrom?: Maybe<ResolversTypes['TransferSession']>, session?: Maybe<ResolversTypes['TransferSession']> }>;
  Role: Role;
  RootEscalationInput: RootEscalationInput;
  RootEscalationMethod: RootEscalationMethod;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SystemUser: ResolverTypeWrapper<SystemUserModel>;
  TransferEvent: ResolverTypeWrapper<LoggedTransferEvent>;
  TransferItem: ResolverTypeWrapper<TransferItemModel>;
  TransferItemInput: TransferItemInput;
  TransferItemState: TransferItemState;
  TransferLog: ResolverTypeWrapper<TransferLog>;
  TransferModule: ResolverTypeWrapper<TransferModuleModel>;
  TransferModuleKey: ResolverTypeWrapper<TransferModuleKey>;
  TransferModuleSchema: ResolverTypeWrapper<TransferModuleSchemaModel>;
  TransferProgress: ResolverTypeWrapper<LoggedTransferProgress>;
  TransferQueue: TransferQueue;
  TransferQueueProgress: ResolverTypeWrapper<TransferQueueProgress>;
  TransferSession: ResolverTypeWrapper<TransferSessionRef>;
  TransferSessionConnection: ResolverTypeWrapper<Omit<TransferSessionConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['TransferSessionEdge']>, nodes: Array<ResolversTypes['TransferSession']> }>;
  TransferSessionEdge: ResolverTypeWrapper<Omit<TransferSessionEdge, 'node'> & { node: ResolversTypes['TransferSession'] }>;
  TransferSessionFilter: TransferSessionFilter;
  TransferSessionKind: TransferSessionKind;
  TransferSessionPayload: ResolverTypeWrapper<Omit<TransferSessionPayload, 'session'> & { session?: Maybe<ResolversTypes['TransferSession']> }>;
  TransferSessionState: TransferSessionState;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
  WebhookDelivery: ResolverTypeWrapper<WebhookDeliveryRecord>;
  WebhookDeliveryConnection: ResolverTypeWrapper<Omit<WebhookDeliveryConnection, 'nodes'> & { nodes: Array<ResolversTypes['WebhookDelivery']> }>;
  WebhookDeliveryFilter: WebhookDeliveryFilter;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
  WhmServer: ResolverTypeWrapper<WhmServerEntry>;
  WhmWrite: ResolverTypeWrapper<JournalEntry>;
  WhmWriteOutcome: WhmWriteOutcome;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccountConflict: AccountConflict;
  AccountItemOptions: AccountItemOptions;
  AccountLocalItemInput: AccountLocalItemInput;
  AccountRemoteRootItemInput: AccountRemoteRootItemInput;
  AccountRemoteUserItemInput: AccountRemoteUserItemInput;
  AddRestoreQueueTaskInput: AddRestoreQueueTaskInput;
  AnalysisModule: AnalysisModuleModel;
  BackupRestorePoint: BackupRestorePointModel;
  BackupUser: BackupUser;
  Boolean: Scalars['Boolean']['output'];
  Caller: Caller;
  CheckRemoteCredentialsInput: CheckRemoteCredentialsInput;
  CheckRemoteCredentialsPayload: CheckRemoteCredentialsPayload;
  CompletedRestoreJob: CompletedRestoreJobModel;
  ConfigRemoteRootItemInput: ConfigRemoteRootItemInput;
  CpmoveArchive: CparchiveFile;
  CreateRemoteRootTransferSessionInput: CreateRemoteRootTransferSessionInput;
  CreateRemoteUserTransferSessionInput: CreateRemoteUserTransferSessionInput;
  CreateTransferSessionPayload: Omit<CreateTransferSessionPayload, 'session'> & { session?: Maybe<ResolversParentTypes['TransferSession']> };
  DateTime: Scalars['DateTime']['output'];
  DeleteAccountArchivesPayload: DeleteAccountArchivesPayload;
  EnqueueItemResult: Omit<EnqueueItemResult, 'item'> & { item?: Maybe<ResolversParentTypes['TransferItem']> };
  EnqueueTransferItemsPayload: Omit<EnqueueTransferItemsPayload, 'results' | 'session'> & { results: Array<ResolversParentTypes['EnqueueItemResult']>, session?: Maybe<ResolversParentTypes['TransferSession']> };
  FeatureListRemoteRootItemInput: FeatureListRemoteRootItemInput;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  KeyValue: KeyValue;
  LegacyAccountBackupItemInput: LegacyAccountBackupItemInput;
  LivePollError: LivePollError;
  LiveStatus: LiveStatus;
  LocalServerFacts: LocalServerFacts;
  Mutation: Record<PropertyKey, never>;
  PackageRemoteRootItemInput: PackageRemoteRootItemInput;
  PageInfo: PageInfo;
  PlanIssue: PlanIssue;
  Query: Record<PropertyKey, never>;
  RemoteAccount: RemoteAccountModel;
  RemoteAnalysis: RemoteAnalysisModel;
  RemoteCredentialsInput: RemoteCredentialsInput;
  RemoteDatabase: RemoteDatabase;
  RemotePackage: RemoteAnalysisPackage;
  RemoteServerFacts: RemoteServerFacts;
  RestoreAccountInput: RestoreAccountInput;
  RestoreFromCpmoveInput: RestoreFromCpmoveInput;
  RestoreJob: WhmRestoreJob;
  RestoreModule: RestoreModuleSummary;
  RestoreQueue: RestoreQueueModel;
  RestoreQueuePayload: Omit<RestoreQueuePayload, 'queue'> & { queue?: Maybe<ResolversParentTypes['RestoreQueue']> };
  RetryCredentialsInput: RetryCredentialsInput;
  RetryItemInput: RetryItemInput;
  RetryTransferItemsPayload: Omit<RetryTransferItemsPayload, 'results' | 'retriedFrom' | 'session'> & { results: Array<ResolversParentTypes['EnqueueItemResult']>, retriedFrom?: Maybe<ResolversParentTypes['TransferSession']>, session?: Maybe<ResolversParentTypes['TransferSession']> };
  RootEscalationInput: RootEscalationInput;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  SystemUser: SystemUserModel;
  TransferEvent: LoggedTransferEvent;
  TransferItem: TransferItemModel;
  TransferItemInput: TransferItemInput;
  TransferLog: TransferLog;
  TransferModule: TransferModuleModel;
  TransferModuleKey: TransferModuleKey;
  TransferModuleSchema: TransferModuleSchemaModel;
  TransferProgress: LoggedTransferProgress;
  TransferQueueProgress: TransferQueueProgress;
  TransferSession: TransferSessionRef;
  TransferSessionConnection: Omit<TransferSessionConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['TransferSessionEdge']>, nodes: Array<ResolversParentTypes['TransferSession']> };
  TransferSessionEdge: Omit<TransferSessionEdge, 'node'> & { node: ResolversParentTypes['TransferSession'] };
  TransferSessionFilter: TransferSessionFilter;
  TransferSessionPayload: Omit<TransferSessionPayload, 'session'> & { session?: Maybe<ResolversParentTypes['TransferSession']> };
  UserError: UserError;
  WebhookDelivery: WebhookDeliveryRecord;
  WebhookDeliveryConnection: Omit<WebhookDeliveryConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['WebhookDelivery']> };
  WebhookDeliveryFilter: WebhookDeliveryFilter;
  WhmServer: WhmServerEntry;
  WhmWrite: JournalEntry;
};

export type RequiresRoleDirectiveArgs = {
  role: Role;
};

export type RequiresRoleDirectiveResolver<Result, Parent, ContextType = GatewayContext, Args = RequiresRoleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccountConflictResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AccountConflict'] = ResolversParentTypes['AccountConflict']> = {
  engine?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AccountConflictKind'], ParentType, ContextType>;
  localOwner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  remoteUser?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AnalysisModuleResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AnalysisModule'] = ResolversParentTypes['AnalysisModule']> = {
  details?: Resolver<Array<ResolversTypes['KeyValue']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BackupRestorePointResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BackupRestorePoint'] = ResolversParentTypes['BackupRestorePoint']> = {
  date?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  users?: Resolver<Maybe<Array<ResolversTypes['BackupUser']>>, ParentType, ContextType>;
};

export type BackupUserResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BackupUser'] = ResolversParentTypes['BackupUser']> = {
  status?: Resolver<ResolversTypes['BackupUserStatus'], ParentType, ContextType>;
  statusName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CallerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Caller'] = ResolversParentTypes['Caller']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  servers?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type CheckRemoteCredentialsPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CheckRemoteCredentialsPayload'] = ResolversParentTypes['CheckRemoteCredentialsPayload']> = {
  escalationMethodUsed?: Resolver<Maybe<ResolversTypes['RootEscalationMethod']>, ParentType, ContextType>;
  loginWorks?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rootAccess?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  whmReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CompletedRestoreJobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CompletedRestoreJob'] = ResolversParentTypes['CompletedRestoreJob']> = {
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  job?: Resolver<ResolversTypes['RestoreJob'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['RestoreJobResult'], ParentType, ContextType>;
  resultCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  statusMessage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CpmoveArchiveResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CpmoveArchive'] = ResolversParentTypes['CpmoveArchive']> = {
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fullPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreateTransferSessionPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreateTransferSessionPayload'] = ResolversParentTypes['CreateTransferSessionPayload']> = {
  output?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteAccountArchivesPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DeleteAccountArchivesPayload'] = ResolversParentTypes['DeleteAccountArchivesPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  messages?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EnqueueItemResultResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EnqueueItemResult'] = ResolversParentTypes['EnqueueItemResult']> = {
  alreadyQueued?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  blocked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['UserError']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  issues?: Resolver<Array<ResolversTypes['PlanIssue']>, ParentType, ContextType>;
  item?: Resolver<Maybe<ResolversTypes['TransferItem']>, ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type EnqueueTransferItemsPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EnqueueTransferItemsPayload'] = ResolversParentTypes['EnqueueTransferItemsPayload']> = {
  results?: Resolver<Array<ResolversTypes['EnqueueItemResult']>, ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type KeyValueResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['KeyValue'] = ResolversParentTypes['KeyValue']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type LivePollErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LivePollError'] = ResolversParentTypes['LivePollError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  consecutiveFailures?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LiveStatusResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LiveStatus'] = ResolversParentTypes['LiveStatus']> = {
  lastError?: Resolver<Maybe<ResolversTypes['LivePollError']>, ParentType, ContextType>;
  nextPollAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  polling?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type LocalServerFactsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LocalServerFacts'] = ResolversParentTypes['LocalServerFacts']> = {
  availableIps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  host?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  majorVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  abortTransferSession?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationAbortTransferSessionArgs, 'id'>>;
  activateRestoreQueue?: Resolver<ResolversTypes['RestoreQueuePayload'], ParentType, ContextType, Partial<MutationActivateRestoreQueueArgs>>;
  addRestoreQueueTask?: Resolver<ResolversTypes['RestoreQueuePayload'], ParentType, ContextType, RequireFields<MutationAddRestoreQueueTaskArgs, 'input'>>;
  analyzeTransferSession?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationAnalyzeTransferSessionArgs, 'id'>>;
  checkRemoteCredentials?: Resolver<ResolversTypes['CheckRemoteCredentialsPayload'], ParentType, ContextType, RequireFields<MutationCheckRemoteCredentialsArgs, 'input'>>;
  clearCompletedRestoreTask?: Resolver<ResolversTypes['RestoreQueuePayload'], ParentType, ContextType, RequireFields<MutationClearCompletedRestoreTaskArgs, 'startedAt' | 'user'>>;
  clearPendingRestoreTask?: Resolver<ResolversTypes['RestoreQueuePayload'], ParentType, ContextType, RequireFields<MutationClearPendingRestoreTaskArgs, 'user'>>;
  clearRestoreQueue?: Resolver<ResolversTypes['RestoreQueuePayload'], ParentType, ContextType, RequireFields<MutationClearRestoreQueueArgs, 'tasks'>>;
  createRemoteRootTransferSession?: Resolver<ResolversTypes['CreateTransferSessionPayload'], ParentType, ContextType, RequireFields<MutationCreateRemoteRootTransferSessionArgs, 'input'>>;
  createRemoteUserTransferSession?: Resolver<ResolversTypes['CreateTransferSessionPayload'], ParentType, ContextType, RequireFields<MutationCreateRemoteUserTransferSessionArgs, 'input'>>;
  deleteAccountArchives?: Resolver<ResolversTypes['DeleteAccountArchivesPayload'], ParentType, ContextType, RequireFields<MutationDeleteAccountArchivesArgs, 'user'>>;
  enqueueTransferItems?: Resolver<ResolversTypes['EnqueueTransferItemsPayload'], ParentType, ContextType, RequireFields<MutationEnqueueTransferItemsArgs, 'dryRun' | 'force' | 'items' | 'sessionId'>>;
  pauseTransferSession?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationPauseTransferSessionArgs, 'id'>>;
  registerTransferSession?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationRegisterTransferSessionArgs, 'id'>>;
  restoreAccount?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationRestoreAccountArgs, 'input'>>;
  restoreFromCpmove?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationRestoreFromCpmoveArgs, 'input'>>;
  resumeTransferSession?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationResumeTransferSessionArgs, 'id'>>;
  retryTransferItems?: Resolver<ResolversTypes['RetryTransferItemsPayload'], ParentType, ContextType, RequireFields<MutationRetryTransferItemsArgs, 'credentials' | 'sessionId'>>;
  startTransferSession?: Resolver<ResolversTypes['TransferSessionPayload'], ParentType, ContextType, RequireFields<MutationStartTransferSessionArgs, 'id'>>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PlanIssueResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PlanIssue'] = ResolversParentTypes['PlanIssue']> = {
  blocking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['PlanIssueCode'], ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  suggestedLocalUser?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  backupDates?: Resolver<Maybe<Array<ResolversTypes['BackupRestorePoint']>>, ParentType, ContextType, Partial<QueryBackupDatesArgs>>;
  cpmoveArchives?: Resolver<Maybe<Array<ResolversTypes['CpmoveArchive']>>, ParentType, ContextType, Partial<QueryCpmoveArchivesArgs>>;
  restoreModules?: Resolver<Maybe<Array<ResolversTypes['RestoreModule']>>, ParentType, ContextType, Partial<QueryRestoreModulesArgs>>;
  restoreQueue?: Resolver<ResolversTypes['RestoreQueue'], ParentType, ContextType, Partial<QueryRestoreQueueArgs>>;
  servers?: Resolver<Array<ResolversTypes['WhmServer']>, ParentType, ContextType>;
  systemUsers?: Resolver<Array<Maybe<ResolversTypes['SystemUser']>>, ParentType, ContextType, RequireFields<QuerySystemUsersArgs, 'usernames'>>;
  transferModuleSchema?: Resolver<Maybe<ResolversTypes['TransferModuleSchema']>, ParentType, ContextType, RequireFields<QueryTransferModuleSchemaArgs, 'module'>>;
  transferModules?: Resolver<Maybe<Array<ResolversTypes['TransferModule']>>, ParentType, ContextType, Partial<QueryTransferModulesArgs>>;
  transferSession?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType, RequireFields<QueryTransferSessionArgs, 'id'>>;
  transferSessions?: Resolver<ResolversTypes['TransferSessionConnection'], ParentType, ContextType, RequireFields<QueryTransferSessionsArgs, 'first'>>;
  validateSystemUser?: Resolver<Maybe<ResolversTypes['SystemUser']>, ParentType, ContextType, RequireFields<QueryValidateSystemUserArgs, 'username'>>;
  webhookDeliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, RequireFields<QueryWebhookDeliveriesArgs, 'first'>>;
  whmWrites?: Resolver<Array<ResolversTypes['WhmWrite']>, ParentType, ContextType, RequireFields<QueryWhmWritesArgs, 'first' | 'unresolved'>>;
  whoami?: Resolver<ResolversTypes['Caller'], ParentType, ContextType>;
};

export type RemoteAccountResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemoteAccount'] = ResolversParentTypes['RemoteAccount']> = {
  bytesUsed?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  conflicts?: Resolver<Array<ResolversTypes['AccountConflict']>, ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filesUsed?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  hasDedicatedIp?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  localUser?: Resolver<Maybe<ResolversTypes['SystemUser']>, ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  suggestedLocalUser?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RemoteAnalysisResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemoteAnalysis'] = ResolversParentTypes['RemoteAnalysis']> = {
  accounts?: Resolver<Array<ResolversTypes['RemoteAccount']>, ParentType, ContextType>;
  conflicts?: Resolver<Array<ResolversTypes['AccountConflict']>, ParentType, ContextType>;
  copyResellerPrivileges?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  databaseUsers?: Resolver<Array<ResolversTypes['RemoteDatabase']>, ParentType, ContextType>;
  databases?: Resolver<Array<ResolversTypes['RemoteDatabase']>, ParentType, ContextType>;
  local?: Resolver<ResolversTypes['LocalServerFacts'], ParentType, ContextType>;
  modules?: Resolver<Array<ResolversTypes['AnalysisModule']>, ParentType, ContextType>;
  packages?: Resolver<Array<ResolversTypes['RemotePackage']>, ParentType, ContextType>;
  remote?: Resolver<ResolversTypes['RemoteServerFacts'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sharedMysqlServer?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  unrestrictedRestore?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
};

export type RemoteDatabaseResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemoteDatabase'] = ResolversParentTypes['RemoteDatabase']> = {
  engine?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RemotePackageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemotePackage'] = ResolversParentTypes['RemotePackage']> = {
  featureList?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RemoteServerFactsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemoteServerFacts'] = ResolversParentTypes['RemoteServerFacts']> = {
  hasDiskUsed?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  hasFilesUsed?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  hasOwners?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  hasPackageExtensions?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  host?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hostname?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  majorVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resellers?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  serverType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  supportsLiveTransfers?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RestoreJobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RestoreJob'] = ResolversParentTypes['RestoreJob']> = {
  destination?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  giveIp?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  mailConfig?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  mysql?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  restorePoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subdomains?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RestoreModuleResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RestoreModule'] = ResolversParentTypes['RestoreModule']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  restrictedAvailable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  restrictedSummary?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  summary?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RestoreQueueResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RestoreQueue'] = ResolversParentTypes['RestoreQueue']> = {
  active?: Resolver<Maybe<Array<ResolversTypes['RestoreJob']>>, ParentType, ContextType>;
  completed?: Resolver<Maybe<Array<ResolversTypes['CompletedRestoreJob']>>, ParentType, ContextType>;
  isActive?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  pending?: Resolver<Maybe<Array<ResolversTypes['RestoreJob']>>, ParentType, ContextType>;
};

export type RestoreQueuePayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RestoreQueuePayload'] = ResolversParentTypes['RestoreQueuePayload']> = {
  queue?: Resolver<Maybe<ResolversTypes['RestoreQueue']>, ParentType, ContextType>;
  queueId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RetryTransferItemsPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RetryTransferItemsPayload'] = ResolversParentTypes['RetryTransferItemsPayload']> = {
  results?: Resolver<Array<ResolversTypes['EnqueueItemResult']>, ParentType, ContextType>;
  retriedFrom?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  transferSessionEvents?: SubscriptionResolver<ResolversTypes['TransferEvent'], "transferSessionEvents", ParentType, ContextType, RequireFields<SubscriptionTransferSessionEventsArgs, 'id'>>;
  transferSessionUpdated?: SubscriptionResolver<ResolversTypes['TransferSession'], "transferSessionUpdated", ParentType, ContextType, RequireFields<SubscriptionTransferSessionUpdatedArgs, 'id'>>;
};

export type SystemUserResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SystemUser'] = ResolversParentTypes['SystemUser']> = {
  exists?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  reserved?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  server?: Resolver<ResolversTypes['WhmServer'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validForNew?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  validForTransfer?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
};

export type TransferEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferEvent'] = ResolversParentTypes['TransferEvent']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  childNumber?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  item?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  itemType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  localItem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  logfile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  queue?: Resolver<Maybe<ResolversTypes['TransferQueue']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TransferItemResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferItem'] = ResolversParentTypes['TransferItem']> = {
  alteredItems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dangerousItems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failure?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  localName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  module?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  restoreLogFile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  size?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  skippedItems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TransferItemState'], ParentType, ContextType>;
  transferLogFile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  warningCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TransferLogResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferLog'] = ResolversParentTypes['TransferLog']> = {
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lineCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type TransferModuleResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferModule'] = ResolversParentTypes['TransferModule']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  schema?: Resolver<Maybe<ResolversTypes['TransferModuleSchema']>, ParentType, ContextType>;
};

export type TransferModuleKeyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferModuleKey'] = ResolversParentTypes['TransferModuleKey']> = {
  definition?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type TransferModuleSchemaResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferModuleSchema'] = ResolversParentTypes['TransferModuleSchema']> = {
  keys?: Resolver<Array<ResolversTypes['TransferModuleKey']>, ParentType, ContextType>;
  module?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prerequisite?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  primary?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  required?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TransferProgressResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferProgress'] = ResolversParentTypes['TransferProgress']> = {
  completed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  completedBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  percent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  queues?: Resolver<Array<ResolversTypes['TransferQueueProgress']>, ParentType, ContextType>;
  totalBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type TransferQueueProgressResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferQueueProgress'] = ResolversParentTypes['TransferQueueProgress']> = {
  completedBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  completedItems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failedItems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  percent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  queue?: Resolver<ResolversTypes['TransferQueue'], ParentType, ContextType>;
  totalBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalItems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TransferSessionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferSession'] = ResolversParentTypes['TransferSession']> = {
  adopted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  analysis?: Resolver<Maybe<ResolversTypes['RemoteAnalysis']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorLog?: Resolver<Maybe<ResolversTypes['TransferLog']>, ParentType, ContextType, Partial<TransferSessionErrorLogArgs>>;
  events?: Resolver<Maybe<Array<ResolversTypes['TransferEvent']>>, ParentType, ContextType, Partial<TransferSessionEventsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isFinished?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  items?: Resolver<Maybe<Array<ResolversTypes['TransferItem']>>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TransferSessionKind'], ParentType, ContextType>;
  live?: Resolver<Maybe<ResolversTypes['LiveStatus']>, ParentType, ContextType>;
  log?: Resolver<Maybe<ResolversTypes['TransferLog']>, ParentType, ContextType, RequireFields<TransferSessionLogArgs, 'file'>>;
  progress?: Resolver<Maybe<ResolversTypes['TransferProgress']>, ParentType, ContextType>;
  remoteHost?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  retriedFrom?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  retries?: Resolver<Array<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  server?: Resolver<ResolversTypes['WhmServer'], ParentType, ContextType>;
  state?: Resolver<Maybe<ResolversTypes['TransferSessionState']>, ParentType, ContextType>;
  stateName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TransferSessionConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferSessionConnection'] = ResolversParentTypes['TransferSessionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TransferSessionEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TransferSessionEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferSessionEdge'] = ResolversParentTypes['TransferSessionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TransferSession'], ParentType, ContextType>;
};

export type TransferSessionPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TransferSessionPayload'] = ResolversParentTypes['TransferSessionPayload']> = {
  session?: Resolver<Maybe<ResolversTypes['TransferSession']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastHttpStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  server?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['WebhookDelivery']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WhmServerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WhmServer'] = ResolversParentTypes['WhmServer']> = {
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isSimulator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WhmWriteResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WhmWrite'] = ResolversParentTypes['WhmWrite']> = {
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mayHaveDone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['WhmWriteOutcome']>, ParentType, ContextType>;
  params?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  server?: Resolver<ResolversTypes['WhmServer'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  whmFunction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  AccountConflict?: AccountConflictResolvers<ContextType>;
  AnalysisModule?: AnalysisModuleResolvers<ContextType>;
  BackupRestorePoint?: BackupRestorePointResolvers<ContextType>;
  BackupUser?: BackupUserResolvers<ContextType>;
  Caller?: CallerResolvers<ContextType>;
  CheckRemoteCredentialsPayload?: CheckRemoteCredentialsPayloadResolvers<ContextType>;
  CompletedRestoreJob?: CompletedRestoreJobResolvers<ContextType>;
  CpmoveArchive?: CpmoveArchiveResolvers<ContextType>;
  CreateTransferSessionPayload?: CreateTransferSessionPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteAccountArchivesPayload?: DeleteAccountArchivesPayloadResolvers<ContextType>;
  EnqueueItemResult?: EnqueueItemResultResolvers<ContextType>;
  EnqueueTransferItemsPayload?: EnqueueTransferItemsPayloadResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  KeyValue?: KeyValueResolvers<ContextType>;
  LivePollError?: LivePollErrorResolvers<ContextType>;
  LiveStatus?: LiveStatusResolvers<ContextType>;
  LocalServerFacts?: LocalServerFactsResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PlanIssue?: PlanIssueResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RemoteAccount?: RemoteAccountResolvers<ContextType>;
  RemoteAnalysis?: RemoteAnalysisResolvers<ContextType>;
  RemoteDatabase?: RemoteDatabaseResolvers<ContextType>;
  RemotePackage?: RemotePackageResolvers<ContextType>;
  RemoteServerFacts?: RemoteServerFactsResolvers<ContextType>;
  RestoreJob?: RestoreJobResolvers<ContextType>;
  RestoreModule?: RestoreModuleResolvers<ContextType>;
  RestoreQueue?: RestoreQueueResolvers<ContextType>;
  RestoreQueuePayload?: RestoreQueuePayloadResolvers<ContextType>;
  RetryTransferItemsPayload?: RetryTransferItemsPayloadResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  SystemUser?: SystemUserResolvers<ContextType>;
  TransferEvent?: TransferEventResolvers<ContextType>;
  TransferItem?: TransferItemResolvers<ContextType>;
  TransferLog?: TransferLogResolvers<ContextType>;
  TransferModule?: TransferModuleResolvers<ContextType>;
  TransferModuleKey?: TransferModuleKeyResolvers<ContextType>;
  TransferModuleSchema?: TransferModuleSchemaResolvers<ContextType>;
  TransferProgress?: TransferProgressResolvers<ContextType>;
  TransferQueueProgress?: TransferQueueProgressResolvers<ContextType>;
  TransferSession?: TransferSessionResolvers<ContextType>;
  TransferSessionConnection?: TransferSessionConnectionResolvers<ContextType>;
  TransferSessionEdge?: TransferSessionEdgeResolvers<ContextType>;
  TransferSessionPayload?: TransferSessionPayloadResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WhmServer?: WhmServerResolvers<ContextType>;
  WhmWrite?: WhmWriteResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = GatewayContext> = {
  requiresRole?: RequiresRoleDirectiveResolver<any, any, ContextType>;
};
