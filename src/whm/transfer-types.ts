// Raw WHM API 1 shapes of the Transfers functions that plan, create and check a session
// (REFERENCE §2.1–§2.8). Re-exported by types.ts, which is the module to import from.
import type { WhmBooleanParam, WhmFlag, WhmNumber } from './wire-types.js';

export type TransferModuleName =
  | 'AccountLocal'
  | 'AccountRemoteRoot'
  | 'AccountRemoteUser'
  | 'FeatureListRemoteRoot'
  | 'LegacyAccountBackup'
  | 'PackageRemoteRoot'
  // Config modules and others that real servers list (REFERENCE §2.1 [DIFF]); the map is open.
  | (string & {});

/** Real session states (REFERENCE §1.1); kept open because the spec's enum differs. */
export type TransferSessionStateName =
  | 'PENDING'
  | 'REACHEDMAXMEM'
  | 'RUNNING'
  | 'PAUSING'
  | 'ABORTING'
  | 'PAUSED'
  | 'COMPLETED'
  | 'ABORTED'
  | 'FAILED'
  | (string & {});

export interface AvailableTransferModulesData {
  /** module name → priority (decimal string); lower runs first. */
  modules: Record<string, WhmNumber>;
}

export interface TransferModuleSchemaParams {
  module: string;
}
export interface TransferModuleSchemaData {
  schema: {
    keys: Record<string, { def: string }>;
    required: string[];
    primary: string[];
    prerequisite?: string | null;
  };
}

export type CommTransport = 'ssh' | 'whostmgr' | 'whostmgr_insecure';
export type RootEscalationMethod = 'su' | 'sudo';

export interface CreateRemoteRootTransferSessionParams {
  host: string;
  user: string;
  comm_transport?: CommTransport;
  compressed?: WhmBooleanParam;
  copy_reseller_privs?: WhmBooleanParam;
  enable_custom_pkgacct?: WhmBooleanParam;
  low_priority?: WhmBooleanParam;
  restore_threads?: number;
  transfer_threads?: number;
  unencrypted?: WhmBooleanParam;
  unrestricted_restore?: WhmBooleanParam;
  use_backups?: WhmBooleanParam;
  /** secret */
  password?: string;
  port?: number;
  root_escalation_method?: RootEscalationMethod;
  /** secret */
  root_password?: string;
  sshkey_name?: string;
  /** secret */
  sshkey_passphrase?: string;
}
export interface CreateRemoteRootTransferSessionData {
  transfer_session_id: string;
  create_rawout?: string | null;
  analyze_rawout?: string | null;
}

export interface CreateRemoteUserTransferSessionParams {
  host: string;
  /** secret: the source account's password */
  password: string;
  /** The spec allows only 1. */
  unrestricted_restore: 1;
}
export interface CreateRemoteUserTransferSessionData {
  transfer_session_id: string;
}

export interface RemoteBasicCredentialCheckParams {
  host: string;
  user: string;
  /** secret */
  password?: string;
  port?: number;
  root_escalation_method?: RootEscalationMethod;
  /** secret */
  root_password?: string;
  sshkey_name?: string;
  /** secret */
  sshkey_passphrase?: string;
}
export interface RemoteBasicCredentialCheckData {
  output?: string | null;
  response?: string | null;
  escalation_method_used?: string | null;
}

export interface TransferSessionIdParams {
  transfer_session_id: string;
}

export interface RemoteAnalysisAccount {
  user: string;
  ensim_user?: string | null;
  domain: string;
  bytesused?: WhmNumber | null;
  filesused?: WhmNumber | null;
  owner?: string | null;
  has_dedicated_ip?: WhmFlag | null;
  worker_nodes?: Record<string, string> | null;
}
export interface RemoteAnalysisPackage {
  name: string;
  featurelist?: string | null;
}
export interface DatabaseInventory {
  dbs?: { MYSQL?: Record<string, { owner: string }> | null; PGSQL?: Record<string, { owner: string }> | null } | null;
  users?: { MYSQL?: Record<string, { owner: string }> | null; PGSQL?: Record<string, { owner: string }> | null } | null;
}
export interface LinkedNode {
  alias?: string | null;
  hostname?: string | null;
  enabled_services?: string[] | null;
  last_check?: WhmNumber | null;
  system_settings?: Record<string, Record<string, WhmFlag>> | null;
  tls_verified?: WhmFlag | null;
  username?: string | null;
  version?: string | null;
  worker_capabilities?: Record<string, unknown> | null;
}
export interface AnalysisModule {
  name?: string | null;
  analysis?: Record<string, string | null> | null;
  warning?: string | null;
  error?: string | null;
}
export interface RetrieveTransferSessionRemoteAnalysisData {
  transfer_session_id: string;
  items: {
    accounts?: RemoteAnalysisAccount[] | null;
    packages?: RemoteAnalysisPackage[] | null;
  };
  local?: {
    available_ips?: string[] | null;
    dbs?: DatabaseInventory | null;
    dedicated_ips?: Record<string, string> | null;
    domains?: Record<string, string> | null;
    groups?: Record<string, WhmFlag> | null;
    users?: Record<string, WhmFlag> | null;
    host?: string | null;
    version?: WhmNumber | null;
    major_version?: WhmNumber | null;
    roundcube_dbtype?: string | null;
    linked_nodes?: LinkedNode[] | null;
  } | null;
  remote?: {
    dbs?: DatabaseInventory | null;
    resellers?: Record<string, WhmFlag> | null;
    has_owners?: WhmFlag | null;
    has_disk_used?: WhmFlag | null;
    has_files_used?: WhmFlag | null;
    has_xfertool?: WhmFlag | null;
    has_package_extensions?: WhmFlag | null;
    server_type?: string | null;
    hostname?: string | null;
    cpversion?: WhmNumber | null;
    version?: WhmNumber | null;
    host?: string | null;
    conflicts?: Record<string, unknown> | null;
    major_version?: WhmNumber | null;
    roundcube_dbtype?: string | null;
    linked_nodes?: LinkedNode[] | null;
    supports_live_transfers?: WhmFlag | null;
  } | null;
  config?: { shared_mysql_server?: WhmFlag | null } | null;
  options?: { unrestricted?: WhmFlag | null; skip_reseller_privs?: WhmFlag | null } | null;
  modules?: Record<string, AnalysisModule> | null;
}

export interface ValidateSystemUserParams {
  user: string;
}
export interface ValidateSystemUserData {
  exists: WhmFlag;
  reserved: WhmFlag;
  valid_for_new: WhmFlag;
  valid_for_transfer: WhmFlag;
}
