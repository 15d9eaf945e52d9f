// The texts the transfer processor writes: item log lines and the messages of finished items.
import type { JsonObject } from './envelope.js';
import { isAccountModule, itemDisplayName } from './modules.js';
import type { SessionKind, TransferItem } from './session-model.js';

export const ABORT_FAILURE = 'The transfer session was aborted before this item finished.';
/** The transfer session format version the master process logs. */
export const SESSION_FORMAT_VERSION = 2.3;
export const TRANSFER_DONE_TEXT = 'Transfer complete.\n';
export const RESTORE_DONE_TEXT = 'Restore complete.\n';

/** First lines of an item's TRANSFER log. */
export function transferIntro(kind: SessionKind, remoteHost: string | null, item: TransferItem): string[] {
  if (kind === 'LocalRestore') {
    return [`Preparing “${item.key}” for restoration …\n`, 'Extracting the archive …\n'];
  }
  const host = remoteHost ?? 'the source server';
  if (isAccountModule(item.module)) {
    return [
      `Packaging the account “${item.key}” on “${host}” …\n`,
      `Copying the account archive from “${host}” to this server …\n`,
    ];
  }
  return [`Fetching the ${itemDisplayName(item.module)} “${item.key}” from “${host}” …\n`];
}

/** First lines of an item's RESTORE log. */
export function restoreIntro(item: TransferItem): string[] {
  if (isAccountModule(item.module) || item.module === 'LegacyAccountBackup') {
    return [
      `Restoring the account “${item.localItem}” …\n`,
      'Restoring the home directory …\n',
      'Restoring databases and database users …\n',
      'Restoring mail, DNS zones and SSL certificates …\n',
    ];
  }
  return [`Restoring the ${itemDisplayName(item.module)} “${item.localItem}” …\n`];
}

/** `msg` of a success-item / warning-item / failed-item line. */
export function finishedItemMessage(item: TransferItem, warnings: readonly string[], failure: string | undefined): JsonObject {
  const summary: JsonObject = {
    warnings: warnings.length,
    dangerous_items: 0,
    skipped_items: 0,
    altered_items: 0,
  };
  const contents: JsonObject = {
    warnings: warnings.length > 0 ? [...warnings] : null,
    skipped_items: null,
    dangerous_items: null,
    altered_items: null,
  };
  return failure !== undefined
    ? { ...summary, failure, size: item.size, contents }
    : { ...summary, message: null, size: item.size, contents };
}
