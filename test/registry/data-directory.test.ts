// The data directory: private to its owner, one process at a time, never opened over a damaged
// database. Each case works on a copy of one directory made at the start, seeded from the test
// snapshot (an initdb is slow; persistence.test.ts covers a real one).
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, RegistryDirectoryError, openRegistry } from '../../src/registry/index.js';
import { filesUnder } from '../helpers/files.js';
import { openTestRegistryIn } from '../helpers/registry.js';

let root: string;
let template: string;
let copies = 0;

async function copyOfTemplate(): Promise<string> {
  copies += 1;
  const directory = join(root, `copy-${copies}`);
  await cp(template, directory, { recursive: true });
  return directory;
}

async function openError(dataDir: string): Promise<RegistryDirectoryError> {
  const error: unknown = await openRegistry({ kind: 'embedded', dataDir }).then(
    async (registry) => {
      await registry.close();
      return new Error(`${dataDir} opened`);
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof RegistryDirectoryError)) throw error;
  return error;
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** Files and directories anyone but the owner may read, write or enter. */
async function openToOthers(directory: string): Promise<string[]> {
  const paths = [directory, ...filesUnder(directory)];
  const parents = new Set(paths.map((path) => path.slice(0, path.lastIndexOf('/'))).filter((path) => path.startsWith(directory)));
  const lax: string[] = [];
  for (const path of [...paths, ...parents]) if (((await modeOf(path)) & 0o077) !== 0) lax.push(path);
  return lax;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'registry-directory-'));
  template = join(root, 'template');
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a fresh data directory', () => {
  it('starts in an existing empty directory, which it makes private, and leaves no file open to others', async () => {
    await mkdir(template);
    await chmod(template, 0o777);
    const registry = await openTestRegistryIn(template);
    expect(await modeOf(template)).toBe(0o700);
    const lock = JSON.parse(await readFile(join(template, LOCK_FILE_NAME), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await registry.recordSession({ id: 'firstsession', server: 'alpha', kind: 'ROOT' });
    await registry.close();

    expect(filesUnder(template).length).toBeGreaterThan(100);
    expect(await openToOthers(template)).toEqual([]);
    expect(filesUnder(template).some((file) => file.endsWith(LOCK_FILE_NAME))).toBe(false);
  }, 60_000);

  it('takes group and world access away from files an earlier run left open', async () => {
    const dataDir = await copyOfTemplate();
    await chmod(dataDir, 0o755);
    await chmod(join(dataDir, 'PG_VERSION'), 0o666);
    await chmod(join(dataDir, 'global'), 0o777);
    const registry = await openRegistry({ kind: 'embedded', dataDir });
    try {
      expect(await registry.count()).toBe(1);
      expect(await modeOf(dataDir)).toBe(0o700);
      expect(await modeOf(join(dataDir, 'PG_VERSION'))).toBe(0o600);
      expect(await modeOf(join(dataDir, 'global'))).toBe(0o700);
    } finally {
      await registry.close();
    }
  });
});

describe('the data directory lock', () => {
  it('refuses a second opener while the first has it open, then lets it in', async () => {
    const dataDir = await copyOfTemplate();
    const first = await openRegistry({ kind: 'embedded', dataDir });
    try {
      const error = await openError(dataDir);
      expect(error.problem).toBe('locked');
      expect(error.directory).toBe(dataDir);
      expect(error.message).toContain(`${dataDir} is in use`);
      expect(await first.count()).toBe(1); // the refused opener did not disturb it
    } finally {
      await first.close();
    }
    const second = await openRegistry({ kind: 'embedded', dataDir });
    expect(await second.count()).toBe(1);
    await second.close();
  });

  it('refuses while another process holds it, and takes over once that process was killed', async () => {
    const dataDir = await copyOfTemplate();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/registry/hold-registry.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      let output = '';
      const childPid = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer): void => {
          output += chunk.toString();
          const match = /holding (\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`the child exited (${code}) before holding the registry:\n${output}`)));
      });

      const error = await openError(dataDir);
      expect(error.problem).toBe('locked');
      expect(error.message).toContain(`held by process ${childPid}`);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // Killed without closing: its lock is stale, and what it committed survived.
    const registry = await openRegistry({ kind: 'embedded', dataDir });
    try {
      expect((await registry.get('child', 'heldbychild'))?.kind).toBe('ROOT');
    } finally {
      await registry.close();
    }
  }, 90_000);

  it('respects a lock taken on another host, and says how to clear it', async () => {
    const dataDir = await copyOfTemplate();
    const lockPath = join(dataDir, LOCK_FILE_NAME);
    await writeFile(lockPath, JSON.stringify({ pid: 1, hostname: 'another-host.example', since: '2024-01-01T00:00:00.000Z' }));
    const error = await openError(dataDir);
    expect(error.problem).toBe('locked');
    expect(error.message).toContain('held by process 1 on another-host.example');
    expect(error.message).toContain(`delete ${lockPath}`);
  });
});

describe('a damaged data directory', () => {
  it.each([
    ['files but no PG_VERSION', (dataDir: string) => rm(join(dataDir, 'PG_VERSION')), /holds files but no PG_VERSION/],
    ['no global/pg_control', (dataDir: string) => rm(join(dataDir, 'global', 'pg_control')), /pg_control is missing/],
  ])('is refused when it has %s, and left as it was', async (_name, damage, detail) => {
    const dataDir = await copyOfTemplate();
    await damage(dataDir);
    const before = filesUnder(dataDir).sort();
    const error = await openError(dataDir);
    expect(error.problem).toBe('damaged');
    expect(error.message).toMatch(detail);
    expect(error.message).toContain(`${dataDir} is damaged`);
    expect(error.message).toContain(`mv ${dataDir} ${dataDir}.damaged`);
    expect(filesUnder(dataDir).sort()).toEqual(before); // not initialised over, lock released
  });

  it('is refused with one line when global/pg_control is corrupt', async () => {
    const dataDir = await copyOfTemplate();
    const control = join(dataDir, 'global', 'pg_control');
    const bytes = await readFile(control);
    bytes.fill(0x5a, 0, 512);
    await writeFile(control, bytes);
    const error = await openError(dataDir);
    expect(error.problem).toBe('damaged');
    expect(error.message).toContain(`${dataDir} is damaged`);
    expect(error.message).toContain('could not be opened');
    expect(error.message).not.toContain('\n');
    expect(error.cause).toBeDefined();
    // The lock was given back: a repaired directory can be opened by the next start.
    expect(filesUnder(dataDir).some((file) => file.endsWith(LOCK_FILE_NAME))).toBe(false);
  }, 60_000);
});
