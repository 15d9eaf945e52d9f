// Shared helpers for the registry suites (not a test file itself).
import {
  openRegistryOnExecutor,
  type SessionRegistry,
  type SqlExecutor,
  type SqlQueryable,
  type SqlValue,
} from '../../src/registry/index.js';
import type { RegistryEngine } from '../helpers/registry.js';

/** A WHM-shaped session id: host + initiator + timestamp + padding, [0-9A-Za-z_] only. */
export function whmSessionId(host: string, serial: number): string {
  return `${host}copya20240102030405${String(serial).padStart(4, '0')}`;
}

/** Wraps an executor and records every statement sent through it, inside transactions too. */
export function statementRecordingExecutor(inner: SqlExecutor): { executor: SqlExecutor; statements: string[] } {
  const statements: string[] = [];
  const recording = (target: SqlQueryable): SqlQueryable => ({
    query<Row extends object>(sql: string, params?: readonly SqlValue[]) {
      statements.push(sql);
      return target.query<Row>(sql, params);
    },
  });
  const executor: SqlExecutor = {
    ...recording(inner),
    transaction: (work) => inner.transaction((tx) => work(recording(tx))),
    close: () => inner.close(),
  };
  return { executor, statements };
}

/** A registry over an executor that records statements, and the engine's database beneath it unrecorded. */
export interface RecordedRegistry {
  database: SqlExecutor;
  registry: SessionRegistry;
  /** Statements the registry sent while running work. */
  statementsDuring: (work: () => Promise<unknown>) => Promise<string[]>;
}

export async function openRecordedRegistry(engine: RegistryEngine): Promise<RecordedRegistry> {
  const database = await engine.openExecutor();
  const recorder = statementRecordingExecutor(database);
  const registry = await openRegistryOnExecutor(recorder.executor);
  return {
    database,
    registry,
    statementsDuring: async (work) => {
      const before = recorder.statements.length;
      await work();
      return recorder.statements.slice(before);
    },
  };
}
