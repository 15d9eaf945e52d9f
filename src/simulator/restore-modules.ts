// The account restoration modules restore_modules_summary lists (names and Restricted Restore
// availability per REFERENCE §2.16; the texts are the simulator's own short descriptions).
import type { JsonObject } from './envelope.js';

interface RestoreModule {
  module: string;
  restricted: 0 | 1;
  summary: string;
  restrictedSummary?: string;
  note?: string;
}

const MODULES: RestoreModule[] = [
  { module: 'APITokens', restricted: 1, summary: 'Restores the account’s cPanel API tokens.' },
  {
    module: 'Account',
    restricted: 1,
    summary: 'Creates the account and its main domain.',
    restrictedSummary: 'Refuses domains that another account on this server already owns.',
  },
  { module: 'AuthnLinks', restricted: 1, summary: 'Restores links to external authentication providers.' },
  { module: 'AutoSSL', restricted: 1, summary: 'Restores AutoSSL exclusions and provider data.' },
  { module: 'BackupConfig', restricted: 1, summary: 'Restores per-account backup settings.' },
  { module: 'BandwidthData', restricted: 1, summary: 'Restores bandwidth usage history.' },
  {
    module: 'CpUser',
    restricted: 1,
    summary: 'Restores the account’s user configuration file.',
    restrictedSummary: 'Ignores settings that only an administrator may change.',
  },
  { module: 'Cron', restricted: 1, summary: 'Restores cron jobs.' },
  { module: 'CustomLocale', restricted: 0, summary: 'Restores locales that the account’s reseller created.' },
  { module: 'DKIM', restricted: 1, summary: 'Restores DKIM keys.' },
  { module: 'DNSAuthority', restricted: 1, summary: 'Records which DNS zones the account is authoritative for.' },
  { module: 'DNSSEC', restricted: 1, summary: 'Restores DNSSEC keys.' },
  { module: 'DigestShadow', restricted: 1, summary: 'Restores digest authentication data for Web Disk.' },
  {
    module: 'Domains',
    restricted: 1,
    summary: 'Restores addon domains, subdomains and parked domains.',
    restrictedSummary: 'Skips domains that belong to other accounts on this server.',
  },
  { module: 'FeatureList', restricted: 1, summary: 'Restores the account’s feature list.' },
  { module: 'FileProtect', restricted: 1, summary: 'Applies file protection permissions to the home directory.' },
  { module: 'Ftp', restricted: 1, summary: 'Restores FTP accounts.' },
  {
    module: 'Homedir',
    restricted: 1,
    summary: 'Restores the home directory.',
    restrictedSummary: 'Refuses symlinks that point outside the home directory.',
  },
  { module: 'Htaccess', restricted: 1, summary: 'Updates .htaccess files for this server’s paths.' },
  { module: 'IPAddress', restricted: 1, summary: 'Assigns the account’s IP address.' },
  { module: 'Integration', restricted: 0, summary: 'Restores application integration links.' },
  { module: 'LinkedNodes', restricted: 1, summary: 'Restores the account’s linked node settings.' },
  { module: 'LinkedNodesSubarchives', restricted: 1, summary: 'Restores data that lives on linked nodes.' },
  { module: 'LocalConfig', restricted: 1, summary: 'Restores local configuration files.' },
  { module: 'Logs', restricted: 1, summary: 'Restores access and error logs.' },
  { module: 'Mail', restricted: 1, summary: 'Restores mail accounts, forwarders and filters.' },
  { module: 'MailFix', restricted: 1, summary: 'Repairs mail directory permissions.' },
  { module: 'MailLimits', restricted: 1, summary: 'Restores outgoing mail limits.' },
  { module: 'MailRouting', restricted: 1, summary: 'Restores the mail routing setting.' },
  { module: 'MailSync', restricted: 1, summary: 'Synchronises mail that arrived during the transfer.' },
  { module: 'Mailman', restricted: 1, summary: 'Restores mailing lists.' },
  { module: 'ManualMX', restricted: 1, summary: 'Restores manual MX redirections.' },
  { module: 'Mysql', restricted: 1, summary: 'Restores MySQL databases, users and grants.' },
  { module: 'MysqlRemoteNotes', restricted: 1, summary: 'Restores notes for remote MySQL hosts.' },
  { module: 'NobodyFiles', restricted: 1, summary: 'Restores files the web server user owned.' },
  {
    module: 'OldHomedirs',
    restricted: 0,
    summary: 'Links the account’s former home directory paths to the new one.',
    note: 'Runs only when the old path is free on this server.',
  },
  {
    module: 'Package',
    restricted: 0,
    summary: 'Restores the hosting package the account uses.',
    note: 'An existing package with the same name is kept.',
  },
  { module: 'Password', restricted: 1, summary: 'Restores the account password.' },
  {
    module: 'PostRestoreActions',
    restricted: 1,
    summary: 'Runs the final clean-up steps.',
    note: 'Rebuilds caches and restarts services when needed.',
  },
  {
    module: 'Postgres',
    restricted: 0,
    summary: 'Restores PostgreSQL databases and users.',
    restrictedSummary: 'Not available under Restricted Restore.',
  },
  {
    module: 'PreRestoreActions',
    restricted: 1,
    summary: 'Prepares the server before the restore starts.',
    note: 'Checks disk space and name conflicts.',
  },
  {
    module: 'ProxySubdomains',
    restricted: 1,
    summary: 'Restores service subdomains such as cpanel. and webmail.',
    note: 'Skipped when the server disables proxy subdomains.',
  },
  { module: 'PublicContact', restricted: 1, summary: 'Restores the public contact information.' },
  {
    module: 'PublicHtmlSymlinks',
    restricted: 1,
    summary: 'Restores symlinks inside public_html.',
    restrictedSummary: 'Keeps only links that stay inside the account.',
    note: 'Links to missing targets are dropped.',
  },
  { module: 'PublishZones', restricted: 1, summary: 'Publishes the restored DNS zones.' },
  { module: 'Quota', restricted: 1, summary: 'Restores the disk quota.' },
  {
    module: 'Reseller',
    restricted: 0,
    summary: 'Restores reseller privileges and limits.',
    note: 'Only when reseller privileges are transferred.',
  },
  {
    module: 'ResyncHomedir',
    restricted: 1,
    summary: 'Copies home directory changes made during the transfer.',
    restrictedSummary: 'Skips files the account does not own.',
  },
  { module: 'Roundcube', restricted: 1, summary: 'Restores Roundcube webmail data.' },
  { module: 'SPF', restricted: 1, summary: 'Updates SPF records for this server.' },
  { module: 'SSL', restricted: 1, summary: 'Restores SSL keys and certificates.' },
  { module: 'ServiceProxy', restricted: 1, summary: 'Restores the service proxy setting.' },
  {
    module: 'Shell',
    restricted: 1,
    summary: 'Restores the login shell.',
    restrictedSummary: 'Uses a jailed shell instead of an unrestricted one.',
  },
  { module: 'SpamAssassin', restricted: 0, summary: 'Restores Apache SpamAssassin settings.' },
  { module: 'Subaccount', restricted: 0, summary: 'Restores subaccounts.' },
  {
    module: 'Suspend',
    restricted: 1,
    summary: 'Keeps a suspended account suspended.',
    restrictedSummary: 'Locked suspensions stay locked.',
  },
  { module: 'Unsuspend', restricted: 1, summary: 'Unsuspends the account when the source was not suspended.' },
  { module: 'VhostIncludes', restricted: 0, summary: 'Restores custom virtual host includes.' },
  { module: 'Vhosts', restricted: 1, summary: 'Creates the web server virtual hosts.' },
  { module: 'WebCalls', restricted: 1, summary: 'Restores dynamic DNS web calls.' },
  { module: 'WebDiskHomedir', restricted: 1, summary: 'Restores Web Disk directories.' },
  { module: 'ZoneFile', restricted: 1, summary: 'Restores DNS zone files.' },
  {
    module: 'userdata',
    restricted: 1,
    summary: 'Restores the web server configuration data of each domain.',
    restrictedSummary: 'Ignores settings that would affect other accounts.',
  },
];

export function restoreModulesSummary(): JsonObject[] {
  return MODULES.map((entry) => {
    const json: JsonObject = { module: entry.module, summary: [entry.summary], restricted_available: entry.restricted };
    if (entry.restrictedSummary !== undefined) json['restricted_summary'] = [entry.restrictedSummary];
    if (entry.note !== undefined) json['notes'] = [entry.note];
    return json;
  });
}
