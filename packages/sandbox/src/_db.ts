// Internal: the clinical data's embedded database (SQLite compiled to WASM by
// sql.js). Writes run synchronously inside one transaction, so no other request
// interleaves with them; with a dataDir the database file is then replaced
// atomically (tmp + rename) before the write resolves, several commits sharing
// one file write when they arrive together.
import { mkdir, open, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { BindParams, Database, SqlValue, Statement } from "sql.js";
import { writeAtomically } from "./_file_store.ts";

const SCHEMA_VERSION = 1;

/** The page limit keeps one sandbox's database at 256 MiB at most (65,536 pages of 4 KiB). */
export const MAX_PAGES = 65_536;
export const PAGE_SIZE = 4096;

const SCHEMA = `
PRAGMA page_size = ${PAGE_SIZE};
CREATE TABLE ehr (
  ehr_id TEXT PRIMARY KEY, time_created TEXT NOT NULL, subject_id TEXT, subject_ns TEXT, status_id TEXT NOT NULL
);
CREATE UNIQUE INDEX ehr_subject ON ehr (subject_ns, subject_id) WHERE subject_id IS NOT NULL;
CREATE TABLE contribution (uid TEXT PRIMARY KEY, ehr_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE version (
  id INTEGER PRIMARY KEY, object_id TEXT NOT NULL, n INTEGER NOT NULL, uid TEXT NOT NULL UNIQUE,
  ehr_id TEXT NOT NULL, kind TEXT NOT NULL, time_committed TEXT NOT NULL, contribution TEXT NOT NULL,
  lifecycle TEXT NOT NULL, audit TEXT NOT NULL, format TEXT NOT NULL, template_id TEXT, body TEXT,
  UNIQUE (object_id, n)
);
CREATE TABLE head (object_id TEXT PRIMARY KEY, ehr_id TEXT NOT NULL, kind TEXT NOT NULL, vid INTEGER NOT NULL, time_created TEXT NOT NULL);
CREATE INDEX head_ehr ON head (ehr_id, kind);
CREATE TABLE arch (
  id INTEGER PRIMARY KEY, vid INTEGER NOT NULL, ehr_id TEXT NOT NULL, parent INTEGER,
  rm_type TEXT NOT NULL, archetype_id TEXT NOT NULL, rel TEXT NOT NULL, bare TEXT NOT NULL, jp TEXT
);
CREATE INDEX arch_vid ON arch (vid);
CREATE INDEX arch_root ON arch (ehr_id, parent, archetype_id);
CREATE INDEX arch_parent ON arch (parent, bare);
CREATE TABLE node (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL, rel TEXT NOT NULL, bare TEXT NOT NULL, jp TEXT NOT NULL, val);
CREATE INDEX node_owner ON node (owner, bare);
CREATE TABLE stored_query (name TEXT NOT NULL, version TEXT NOT NULL, q TEXT NOT NULL, saved TEXT NOT NULL, PRIMARY KEY (name, version));
PRAGMA user_version = ${SCHEMA_VERSION};
`;

/** A row as an object keyed by column name. */
export type Row = Record<string, SqlValue>;

/** Thrown when the database reached its size limit (answered 507). */
export class DatabaseFullError extends Error {}

type SqlJs = { Database: new (data?: Uint8Array) => Database };
let engine: Promise<SqlJs> | undefined;

function loadEngine(): Promise<SqlJs> {
  // sql.js is CommonJS; it finds its .wasm next to itself.
  engine ??= (createRequire(import.meta.url)("sql.js") as () => Promise<SqlJs>)();
  return engine;
}

/**
 * Checks, without loading the engine, that `file` is missing or an SQLite
 * database: a look at its first 16 bytes, so a sandbox refuses a wrong dataDir
 * at start and still opens the database only on first use.
 */
export async function checkDatabaseFile(file: string): Promise<void> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (handle === undefined) return;
  const header = Buffer.alloc(16);
  try {
    await handle.read(header, 0, 16, 0);
  } finally {
    await handle.close();
  }
  if (header.toString("latin1") !== "SQLite format 3\u0000") {
    throw new Error(`${file} is not an SQLite database`);
  }
}

/** One sandbox's clinical database. */
export class ClinicalDb {
  readonly #db: Database;
  readonly #file: string | undefined;
  readonly #maxPages: number;
  #dirty = false;
  #flushing: Promise<void> | undefined;
  #closed = false;

  private constructor(db: Database, file: string | undefined, maxPages: number) {
    this.#db = db;
    this.#file = file;
    this.#maxPages = maxPages;
    this.#limits();
  }

  /** Opens the database: in memory, or from (and kept in) `file`; `maxPages` lowers the size limit (tests). */
  static async open(file?: string, maxPages: number = MAX_PAGES): Promise<ClinicalDb> {
    const SQL = await loadEngine();
    let bytes: Uint8Array | undefined;
    if (file !== undefined) {
      await mkdir(dirname(file), { recursive: true });
      bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
    }
    const db = new SQL.Database(bytes);
    try {
      const version = db.exec("PRAGMA user_version")[0]?.values[0]?.[0];
      if (version === 0) db.exec(SCHEMA);
      else if (version !== SCHEMA_VERSION) throw new Error(`unknown schema version ${String(version)}`);
    } catch (error) {
      db.close();
      throw new Error(`${file ?? "the database"} is not a sandbox database: ${(error as Error).message}`, { cause: error });
    }
    return new ClinicalDb(db, file, maxPages);
  }

  #limits(): void {
    // Pragmas reset when sql.js exports (it closes and reopens the file).
    // The rollback journal in memory: the file system is emscripten's in-memory one anyway.
    this.#db.exec(`PRAGMA max_page_count = ${this.#maxPages}; PRAGMA journal_mode = MEMORY`);
  }

  /** Every row of a query, as objects. */
  all(sql: string, params: BindParams = []): Row[] {
    const statement = this.#db.prepare(sql, params);
    try {
      const rows: Row[] = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  }

  /** Every row of a query, as arrays (column order as selected). */
  values(sql: string, params: BindParams = []): SqlValue[][] {
    const statement = this.#db.prepare(sql, params);
    try {
      const rows: SqlValue[][] = [];
      while (statement.step()) rows.push(statement.get());
      return rows;
    } finally {
      statement.free();
    }
  }

  /** A prepared statement for repeated use inside one transaction; the caller frees it. */
  prepare(sql: string): Statement {
    return this.#db.prepare(sql);
  }

  /** The first row, or undefined. */
  one(sql: string, params: BindParams = []): Row | undefined {
    return this.all(sql, params)[0];
  }

  /** Runs a statement; returns the last inserted rowid. */
  run(sql: string, params: BindParams = []): number {
    this.#db.run(sql, params);
    return Number(this.#db.exec("SELECT last_insert_rowid()")[0]?.values[0]?.[0] ?? 0);
  }

  /**
   * Runs `change` in one transaction (rolled back when it throws), then makes
   * it durable in the data directory, if any. `change` must be synchronous:
   * nothing else touches the database while it runs.
   */
  async write<T>(change: () => T): Promise<T> {
    if (this.#closed) throw new Error("the sandbox is closed");
    this.#db.exec("BEGIN IMMEDIATE");
    let result: T;
    try {
      result = change();
      this.#db.exec("COMMIT");
    } catch (error) {
      try {
        this.#db.exec("ROLLBACK");
      } catch {
        // SQLite already rolled back (it does on SQLITE_FULL)
      }
      if (/database or disk is full/i.test(String((error as Error).message))) {
        throw new DatabaseFullError("the sandbox database is full", { cause: error });
      }
      throw error;
    }
    if (this.#file !== undefined) await this.#persist(this.#file);
    return result;
  }

  /** Group commit: whoever finds the file stale writes it; later waiters find it current. */
  async #persist(file: string): Promise<void> {
    this.#dirty = true;
    while (this.#flushing !== undefined) await this.#flushing;
    if (!this.#dirty) return;
    this.#dirty = false;
    const bytes = this.#db.export();
    this.#limits();
    this.#flushing = writeAtomically(file, bytes).finally(() => {
      this.#flushing = undefined;
    });
    await this.#flushing;
  }

  /** Waits for the last file write, then frees the database. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#flushing !== undefined) await this.#flushing.catch(() => undefined);
    this.#db.close();
  }
}
