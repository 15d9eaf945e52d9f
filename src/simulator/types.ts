// Public types of the WHM API 1 simulator. Re-exported from index.ts.

/** Session states as the real server names them (REFERENCE §1.1). */
export type SessionStateName =
  'PENDING' | 'REACHEDMAXMEM' | 'RUNNING' | 'PAUSING' | 'ABORTING' | 'PAUSED' | 'COMPLETED' | 'ABORTED' | 'FAILED';

/** Per-item queue states (REFERENCE §1.2). */
export type ItemQueueState =
  'TRANSFER_PENDING' | 'TRANSFER_INPROGRESS' | 'RESTORE_PENDING' | 'RESTORE_INPROGRESS' | 'COMPLETED' | 'FAILED';

export type QueueName = 'TRANSFER' | 'RESTORE';

export interface RemoteAccount {
  user: string;
  domain: string;
  /** Reseller that owns the account ("root" for root-owned accounts). */
  owner: string;
  /** Bytes (the analysis reports KiB × 1024, so keep it a multiple of 1024). */
  bytesused: number;
  filesused: number;
  has_dedicated_ip: 0 | 1;
  /** The cPanel account password on the source (used by user-authenticated sessions). */
  password: string;
  /** The item fails with this text instead of succeeding. */
  failWith?: string;
  /** Which queue the failure happens in (default RESTORE, as most real failures do). */
  failIn?: QueueName;
  /** Number of warnings the restore reports (the item then ends with warning-item). */
  warnings?: number;
  /** MySQL databases of the account (names); database users are derived unless given. */
  databases?: string[];
  databaseUsers?: string[];
}

export interface RemotePackage {
  name: string;
  featurelist: string | null;
}

export interface SshKey {
  /** Name of the key in the target server's root key store. */
  name: string;
  /** Passphrase when the key is encrypted. */
  passphrase?: string;
}

/** A non-root SSH login on the source that can escalate to root. */
export interface EscalationUser {
  user: string;
  password: string;
  /** true: may use sudo without the root password; false: must use su + root_password. */
  sudo: boolean;
}

export interface RemoteSource {
  hostname: string;
  /** Other names and IPs that resolve to this source (the map key resolves too). */
  addresses?: string[];
  /** cPanel & WHM version of the source, e.g. "11.118.0.9". */
  version: string;
  rootPassword: string;
  sshKeys?: SshKey[];
  escalationUsers?: EscalationUser[];
  accounts: RemoteAccount[];
  packages?: RemotePackage[];
  /** Warnings create_remote_root_transfer_session adds to metadata.output.warnings. */
  creationWarnings?: string[];
  /** Database server of the source, shown in the MySQL analysis module. */
  databaseServer?: { type: string; version: string };
  supportsLiveTransfers?: boolean;
}

export interface BackupDate {
  /** Restore point, e.g. "2026-11-20T00:00:00.000Z". */
  date: string;
  users: string[];
}

export interface CpmoveArchive {
  file: string;
  path: string;
  user: string;
}

export interface LocalServer {
  hostname: string;
  version: string;
  /** cPanel accounts on this (target) server. */
  users: string[];
  /** Names that may not be used for accounts (system users and the like). */
  reservedNames: string[];
  /** IP addresses of this server; the first is the shared main IP. */
  ips: string[];
  /** Dedicated IP → domain. */
  dedicatedIps?: Record<string, string>;
  /** Domain of each local account (user → domain); missing ones get "<user>.local.test". */
  domains?: Record<string, string>;
  backups: BackupDate[];
  archives: CpmoveArchive[];
  /** Local MySQL databases: name → owner. */
  databases?: Record<string, string>;
  databaseServer?: { type: string; version: string };
}

export interface AuthConfig {
  /** WHM user → API token (Authorization: whm USER:TOKEN). */
  tokens: Record<string, string>;
  /** WHM user → password (Authorization: Basic). */
  passwords: Record<string, string>;
}

export interface Quirks {
  /** Numbers inside `data` are sent as strings ("1", "1048576"). */
  stringNumbers: boolean;
  /** metadata.result is "1" / "0". */
  stringResult: boolean;
  /** metadata.output.warnings is one newline-joined string. */
  warningsAsString: boolean;
  /** Successful answers have no `data` key at all (a `batch`'s own data, which carries its sub-results, stays). */
  noData: boolean;
  /** Successful answers have `data: null` (same exception); `noData` wins when both are on. */
  nullData: boolean;
  /** Failed answers carry their reason in `data.reason`, and `metadata.reason` is empty. */
  dataReason: boolean;
}

export type Fault = (
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'html' }
  | { kind: 'invalid-json' }
  /** WHM answers, and the function fails: result 0 with this reason (e.g. a helper script that cannot run). */
  | { kind: 'api-failure'; reason: string }
) & {
  /** Apply to the next N requests only, then clear. */
  times?: number;
};

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
}

export interface SimulatorOptions {
  host?: string;
  port?: number;
  /** true: generate a self-signed certificate for 127.0.0.1/localhost (needs `openssl`). */
  tls?: boolean | TlsMaterial;
  auth?: Partial<AuthConfig>;
  authFailureStyle?: 'html' | 'legacy';
  /** Simulated seconds per real second. */
  speedFactor?: number;
  /** Real clock in ms (default Date.now). */
  now?: () => number;
  quirks?: Partial<Quirks>;
  /** host name → source server. Replaces the demo hosts when given. */
  remoteHosts?: Record<string, RemoteSource>;
  /** Replaces the demo local server when given. */
  local?: LocalServer;
  /** Most sub-commands one `batch` may carry. */
  maxBatchCommands?: number;
  /** Newest requests kept in the request log (older ones are dropped); default 10 000. */
  maxLoggedRequests?: number;
}

export interface SimulatorStats {
  totalRequests: number;
  calls: Record<string, number>;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  functionName: string;
  receivedAt: number;
  /** What the simulator answered; absent while pending, for hung requests and for resets. */
  response?: RecordedResponse;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
