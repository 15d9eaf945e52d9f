// vitest global setup: makes sure the migrated registry snapshot exists before the workers start
// (they inherit the environment), so no test file pays for initdb and migrations.
import { REGISTRY_SNAPSHOT_ENV, ensureRegistrySnapshotFile } from './registry.js';

export async function setup(): Promise<void> {
  process.env[REGISTRY_SNAPSHOT_ENV] = await ensureRegistrySnapshotFile();
}
