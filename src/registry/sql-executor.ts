// The only door to the database. Everything above it speaks portable PostgreSQL through this
// interface, so the embedded PGlite implementation can be swapped for node-postgres (`pg`) when
// several gateway replicas share one PostgreSQL server.

/** Values that both PGlite and pg serialise as query parameters; arrays bind to `$n::text[]` etc. */
export type SqlValue = string | number | boolean | Date | null | readonly (string | number | null)[];

export interface SqlResult<Row> {
  rows: Row[];
}

export interface SqlQueryable {
  /**
   * Runs ONE statement with $1..$n parameters. Row is what the caller expects back; drivers do not
   * check it, so callers map rows defensively (pg returns bigint as string, PGlite as number).
   */
  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<SqlResult<Row>>;
}

export interface SqlExecutor extends SqlQueryable {
  /** Runs work inside BEGIN/COMMIT, rolling back when it throws. Use only `tx` inside `work`. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Waits for queries in flight, then releases the database. Later calls fail with RegistryClosedError. */
  close(): Promise<void>;
}
