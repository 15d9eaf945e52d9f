// Transfer session log files: JSON Lines as written by the transfer processor (REFERENCE §2.14).
import type { JsonObject, JsonValue } from './envelope.js';
import type { QueueName } from './types.js';

export const MASTER_LOG = 'master.log';
export const MASTER_ERROR_LOG = 'master.error_log';

/** Where the real server keeps session files; only used to word "file not found" errors. */
export const SESSION_DIR = '/var/cpanel/transfer_sessions';

export type LineType = 'out' | 'warn' | 'success' | 'failure' | 'control';

export function itemLogName(queue: QueueName, module: string, item: string): string {
  return `item-${queue}_${module}_${item}`;
}

/** One log line; key order is fixed (the real server's is random, clients must not depend on it). */
export function logLine(pid: number, type: LineType, contents: JsonValue, indent = 0): string {
  return JSON.stringify({ pid, type, indent, partial: 0, contents });
}

export interface ItemContext {
  item: string;
  localItem: string;
  itemType: string;
  itemName: string;
}

export interface ControlFields {
  action: string;
  childNumber: number;
  /** Epoch seconds; omitted for "offline" messages written without a running processor. */
  time?: number;
  queue?: QueueName;
  item?: ItemContext;
  logfile?: string;
  msg?: JsonValue;
}

export function controlContents(fields: ControlFields): JsonObject {
  const contents: JsonObject = { action: fields.action, child_number: fields.childNumber };
  if (fields.time !== undefined) contents['time'] = fields.time;
  if (fields.item !== undefined) {
    contents['item'] = fields.item.item;
    contents['local_item'] = fields.item.localItem;
    contents['item_type'] = fields.item.itemType;
    contents['item_name'] = fields.item.itemName;
  }
  if (fields.queue !== undefined) contents['queue'] = fields.queue;
  if (fields.logfile !== undefined) contents['logfile'] = fields.logfile;
  if (fields.msg !== undefined) contents['msg'] = fields.msg;
  return contents;
}

/** The files of one session directory. A file exists once something created it. */
export class SessionLogs {
  private readonly files = new Map<string, string[]>();

  create(name: string): void {
    if (!this.files.has(name)) this.files.set(name, []);
  }

  append(name: string, line: string): void {
    const lines = this.files.get(name);
    if (lines === undefined) this.files.set(name, [line]);
    else lines.push(line);
  }

  control(name: string, pid: number, fields: ControlFields): void {
    this.append(name, logLine(pid, 'control', controlContents(fields)));
  }

  exists(name: string): boolean {
    return this.files.has(name);
  }

  /** Whole file, newline-terminated lines, as fetch_transfer_session_log returns it. */
  read(name: string): string | undefined {
    const lines = this.files.get(name);
    if (lines === undefined) return undefined;
    return lines.map((line) => `${line}\n`).join('');
  }

  names(): string[] {
    return [...this.files.keys()];
  }
}
