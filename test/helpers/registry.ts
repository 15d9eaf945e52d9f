// Fast registries for tests: in memory (or, for persistence tests, in a fresh directory) started from
// one migrated snapshot instead of a fresh initdb each (seconds of CPU per registry on a small machine).
import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import {
  MIGRATIONS,
  createRegistrySnapshot,
  openPgliteExecutor,
  openRegistry,
  openRegistryOnExecutor,
  type SessionRegistry,
  type SqlExecutor,
} from '../../src/registry/index.js';
import { openPostgresTestExecutor, postgresAvailable } from './postgres.js';

/** Set by registry-snapshot.global.ts to the snapshot file every test worker loads. */
export const REGISTRY_SNAPSHOT_ENV = 'TEST_REGISTRY_SNAPSHOT_FILE';

/**
 * The migrated snapshot as a gzipped file in the temporary directory, made once and reused across
 * runs. Its name hashes the PGlite version and the migrations, so a stale snapshot is never loaded;
 * it is written under a temporary name and renamed, so a reader never sees half a file.
 */
export async function ensureRegistrySnapshotFile(): Promise<string> {
  const pgliteDist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const pglitePackage = await readFile(join(pgliteDist, '..', 'package.json'), 'utf8');
  const { version } = JSON.parse(pglitePackage) as { version?: string };
  const key = createHash('sha256').update(JSON.stringify({ version, MIGRATIONS })).digest('hex').slice(0, 16);
  // Per user: the file is private (0600), so another account must make its own.
  const file = join(tmpdir(), `whm-gateway-registry-snapshot-${process.getuid?.() ?? 'user'}-${key}.tar.gz`);
  const existing = await stat(file).catch(() => null);
  if (existing?.isFile() && existing.size > 0) return file;
  const snapshot = await createRegistrySnapshot();
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, await promisify(gzip)(new Uint8Array(await snapshot.arrayBuffer())), { mode: 0o600 });
  await rename(partial, file);
  return file;
}

let snapshot: Promise<Blob> | undefined;

/** Unzipped here rather than by PGlite: node's zlib is faster than PGlite's, and it is done once per worker. */
function registrySnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const file = process.env[REGISTRY_SNAPSHOT_ENV] || (await ensureRegistrySnapshotFile());
    return new Blob([new Uint8Array(await promisify(gunzip)(await readFile(file)))]);
  })();
  return snapshot;
}

/** An empty, migrated in-memory registry of its own. */
export async function openTestRegistry(): Promise<SessionRegistry> {
  return openRegistry({ kind: 'embedded', dataDir: null, snapshot: await registrySnapshot() });
}

/** A registry in a real data directory (persistence tests); a fresh one is seeded from the snapshot, not initdb'ed. */
export async function openTestRegistryIn(dataDir: string): Promise<SessionRegistry> {
  return openRegistry({ kind: 'embedded', dataDir, snapshot: await registrySnapshot() });
}

/** An in-memory database already migrated, for tests that wrap the executor before opening a registry on it. */
export async function openTestExecutor(): Promise<SqlExecutor> {
  return openPgliteExecutor(null, { snapshot: await registrySnapshot() });
}

/** A store the registry suites run against: each opens empty, migrated databases of its own. */
export interface RegistryEngine {
  name: 'PGlite' | 'PostgreSQL';
  openExecutor(): Promise<SqlExecutor>;
  openRegistry(): Promise<SessionRegistry>;
}

const PGLITE: RegistryEngine = { name: 'PGlite', openExecutor: openTestExecutor, openRegistry: openTestRegistry };
const POSTGRES: RegistryEngine = {
  name: 'PostgreSQL',
  openExecutor: openPostgresTestExecutor,
  openRegistry: async () => openRegistryOnExecutor(await openPostgresTestExecutor()),
};

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL answers (see postgres.ts). */
export async function registryEngines(): Promise<RegistryEngine[]> {
  return (await postgresAvailable()) ? [PGLITE, POSTGRES] : [PGLITE];
}
