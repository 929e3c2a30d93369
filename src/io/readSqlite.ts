import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { fileStartsWith } from "./fileHead.js";
import type { BadLineOptions, DocumentRecord, RecordFields } from "./records.js";
import { tableColumns } from "./tableRows.js";

/** True when the file starts with SQLite's header "SQLite format 3\0". */
export function isSqliteFile(path: string): Promise<boolean> {
  return fileStartsWith(path, "SQLite format 3\0");
}

interface SqliteDatabase {
  prepare(sql: string): { iterate(): IterableIterator<Record<string, unknown>>; finalize(): void };
  all(sql: string): Record<string, unknown>[];
  close(): void;
}

/**
 * The documents a query of an SQLite database returns, a row at a time (the database is
 * opened read-only and read page by page, never whole): the columns are picked by the
 * JSON-lines rules (text, else abstract; title and id when present; label and time when
 * named). Without `sql`, a database of one table is read whole (`SELECT * FROM it`); with
 * more, the error lists them and their columns.
 * @throws InvalidArgumentError for a file that is not an SQLite database, a query SQLite
 *   refuses, or a missing column (naming those the query returns).
 * @throws EmptyInputError when the query returns no row.
 */
export async function* readSqliteRecords(
  path: string,
  options: RecordFields & BadLineOptions & { readonly sql?: string } = {},
  fn = "readRecords",
): AsyncGenerator<DocumentRecord> {
  const { sql: asked, ...fields } = options;
  type Module = { Database?: new (path: string, options: { readOnly: boolean }) => SqliteDatabase };
  // A CommonJS package: its exports are the namespace's or its default's, by runtime.
  const module = (await import("node-sqlite3-wasm")) as Module & { default?: Module };
  const Database = (module.Database ?? module.default?.Database) as NonNullable<Module["Database"]>;
  let db: SqliteDatabase;
  try {
    db = new Database(path, { readOnly: true });
  } catch (error) {
    throw new InvalidArgumentError(
      `${fn}: cannot open ${path} as an SQLite database (${(error as Error).message})`,
      "path",
    );
  }
  try {
    const sql = asked ?? onlyTable(fn, path, db);
    let statement: ReturnType<SqliteDatabase["prepare"]>;
    try {
      statement = db.prepare(sql);
    } catch (error) {
      throw new InvalidArgumentError(`${fn}: SQLite refused the query on ${path}: ${(error as Error).message}`, "sql");
    }
    try {
      let table: ReturnType<typeof tableColumns> | null = null;
      let n = 0;
      for (const row of statement.iterate()) {
        table ??= tableColumns(fn, `the query's result (${path})`, Object.keys(row), fields);
        const doc = table.document(row, n++);
        if (doc !== null) yield doc;
      }
      if (n === 0) throw new EmptyInputError(`${fn}: the query on ${path} returned no rows`, "sql");
    } finally {
      statement.finalize();
    }
  } finally {
    db.close();
  }
}

/** `SELECT * FROM` the database's one table; with none or several, an error naming them. */
function onlyTable(fn: string, path: string, db: SqliteDatabase): string {
  const tables = db
    .all("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .map((r) => String(r.name));
  if (tables.length === 1) return `SELECT * FROM "${(tables[0] as string).replace(/"/g, '""')}"`;
  const described = tables.map((t) => {
    const columns = db.all(`SELECT name FROM pragma_table_info('${t.replace(/'/g, "''")}')`).map((r) => String(r.name));
    return `${t}(${columns.join(", ")})`;
  });
  throw new InvalidArgumentError(
    `${fn}: ${path} holds ${tables.length === 0 ? "no table" : `several tables: ${described.join(", ")}`}; choose the rows with a query (sql, --sql "SELECT ... FROM ...")`,
    "sql",
  );
}
