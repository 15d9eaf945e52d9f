// The registry's data directory on disk: one process at a time (a lock file), never started over a
// damaged database, and readable by its owner only. PGlite itself checks none of this: two processes
// happily write one directory, a directory without PG_VERSION is silently initdb'ed over, and its
// files are created 0666.
import { randomUUID } from 'node:crypto';
import { chmod, link, lstat, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { RegistryDirectoryError } from './errors.js';

/** Lives inside the data directory; PostgreSQL ignores files it does not know. */
export const LOCK_FILE_NAME = 'gateway.lock';

/** Directories this process holds, so a second open in the same process is refused too. */
const heldByThisProcess = new Set<string>();

export interface DataDirectoryClaim {
  /** Absolute path. */
  directory: string;
  /** Empty (or just created): the database will be initialised. */
  fresh: boolean;
  /** Takes group and world access off whatever the database created, then gives up the lock. */
  release(): Promise<void>;
}

/** Creates (0700) or secures the directory, locks it, and checks it holds a whole database or nothing. */
export async function claimDataDirectory(dataDir: string): Promise<DataDirectoryClaim> {
  const directory = resolve(dataDir);
  await secureDirectory(directory);
  const unlock = await lockDirectory(directory);
  try {
    const fresh = await inspectDirectory(directory);
    await restrictModes(directory);
    return {
      directory,
      fresh,
      async release() {
        try {
          await restrictModes(directory);
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** The error for a directory PGlite could not open: damaged, or written by an incompatible version. */
export function unopenableDirectoryError(directory: string, fresh: boolean, cause: unknown): RegistryDirectoryError {
  const reason = firstLine(cause);
  if (fresh) {
    const message = `Could not create the registry database in ${directory}: ${reason}.`;
    return new RegistryDirectoryError(directory, 'inaccessible', message, { cause });
  }
  const detail = `the database in it could not be opened (${reason}); it is damaged or from an incompatible PGlite version`;
  return damaged(directory, detail, cause);
}

async function secureDirectory(directory: string): Promise<void> {
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const info = await stat(directory);
    if (!info.isDirectory()) {
      throw new RegistryDirectoryError(directory, 'inaccessible', `The registry data directory ${directory} is not a directory.`);
    }
    if ((info.mode & 0o077) !== 0) await chmod(directory, 0o700);
  } catch (error) {
    if (error instanceof RegistryDirectoryError) throw error;
    throw new RegistryDirectoryError(
      directory,
      'inaccessible',
      `The registry data directory ${directory} cannot be created or made private (${firstLine(error)}); ` +
        'give the gateway a directory it owns (GATEWAY_DATA_DIR).',
      { cause: error },
    );
  }
}

/** True when the directory holds nothing but our lock: a fresh start. */
async function inspectDirectory(directory: string): Promise<boolean> {
  // Our lock, and the temporary files starters write while trying to take it, are not the database's.
  const entries = (await readdir(directory)).filter((name) => name !== LOCK_FILE_NAME && !name.startsWith(`${LOCK_FILE_NAME}.`));
  if (entries.length === 0) return true;
  if (!entries.includes('PG_VERSION')) {
    // PGlite would run initdb over the remains and start an empty registry: every session forgotten.
    throw damaged(directory, 'it holds files but no PG_VERSION (an interrupted first start, or files removed)');
  }
  const control = await stat(join(directory, 'global', 'pg_control')).catch(() => null);
  if (control === null || !control.isFile() || control.size === 0) {
    throw damaged(directory, 'global/pg_control is missing or empty');
  }
  return false;
}

function damaged(directory: string, detail: string, cause?: unknown): RegistryDirectoryError {
  return new RegistryDirectoryError(
    directory,
    'damaged',
    `The registry data directory ${directory} is damaged: ${detail}. The gateway will not start over it. ` +
      `Restore it from a backup, or move it aside (mv ${directory} ${directory}.damaged) to start with an empty registry.`,
    { cause },
  );
}

interface LockOwner {
  pid: number;
  hostname: string;
  since: string;
}

/**
 * Takes the directory's lock file: created complete under a temporary name and hard-linked into
 * place, so it exists only with its content, and the link fails if another process holds it. A lock
 * whose process is gone (same host, pid not running) is stale and taken over; on another host, or
 * unreadable, it is respected and the message says how to remove it.
 */
async function lockDirectory(directory: string): Promise<() => Promise<void>> {
  const lockPath = join(directory, LOCK_FILE_NAME);
  if (heldByThisProcess.has(directory)) {
    throw locked(directory, lockPath, 'it is already open in this process');
  }
  const mine = JSON.stringify({ pid: process.pid, hostname: hostname(), since: new Date().toISOString() } satisfies LockOwner);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await tryCreateLock(lockPath, mine)) {
      heldByThisProcess.add(directory);
      return async () => {
        heldByThisProcess.delete(directory);
        if ((await readText(lockPath)) === mine) await rm(lockPath, { force: true });
      };
    }
    const existing = await readText(lockPath);
    if (existing === null) continue; // released in between: try again
    const owner = parseOwner(existing);
    if (owner === null || isRunning(owner, directory)) {
      throw locked(directory, lockPath, owner === null ? 'its lock file is unreadable' : describeOwner(owner));
    }
    // Stale. Re-read just before removing, so a lock another starter has just taken over survives.
    if ((await readText(lockPath)) === existing) await rm(lockPath, { force: true });
  }
  throw locked(directory, lockPath, 'its lock kept changing hands');
}

async function tryCreateLock(lockPath: string, content: string): Promise<boolean> {
  const temporary = `${lockPath}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
    await link(temporary, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new RegistryDirectoryError(
      resolve(lockPath, '..'),
      'inaccessible',
      `Could not create the lock file ${lockPath} (${firstLine(error)}); the gateway needs to write its data directory.`,
      { cause: error },
    );
  } finally {
    await rm(temporary, { force: true });
  }
}

function isRunning(owner: LockOwner, directory: string): boolean {
  // Another host's pid means nothing here (shared volume): assume it runs.
  if (owner.hostname !== hostname()) return true;
  // Our own pid but not held by us: left by an earlier process that had the same pid (containers).
  if (owner.pid === process.pid) return heldByThisProcess.has(directory);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

function locked(directory: string, lockPath: string, holder: string): RegistryDirectoryError {
  return new RegistryDirectoryError(
    directory,
    'locked',
    `The registry data directory ${directory} is in use: ${holder}. Two processes writing one registry would corrupt it; ` +
      `stop the other gateway or give this one another GATEWAY_DATA_DIR. If no gateway uses it any more, delete ${lockPath}.`,
  );
}

function describeOwner(owner: LockOwner): string {
  return `held by process ${owner.pid} on ${owner.hostname} since ${owner.since}`;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { pid, hostname: host, since } = value as Record<string, unknown>;
    if (!Number.isSafeInteger(pid) || typeof host !== 'string' || typeof since !== 'string') return null;
    return { pid: pid as number, hostname: host, since };
  } catch {
    return null;
  }
}

/**
 * PGlite's file system layer chmods every file it creates to 0666. The directory itself is 0700, so
 * nobody else can reach them while the gateway runs; this pass also fixes the files on disk.
 */
export async function restrictModes(directory: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const info = await lstat(path).catch(() => null); // files come and go while the database runs
    if (info === null || info.isSymbolicLink()) continue;
    if (info.isDirectory()) {
      if ((info.mode & 0o077) !== 0) await chmod(path, 0o700).catch(ignoreVanished);
      await restrictModes(path).catch(ignoreVanished);
    } else if ((info.mode & 0o077) !== 0) {
      await chmod(path, info.mode & 0o700).catch(ignoreVanished);
    }
  }
}

function ignoreVanished(error: unknown): void {
  if (errorCode(error) !== 'ENOENT') throw error;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').trim().slice(0, 200) || 'unknown error';
}
