import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager, EntityMetadata, In, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

// node-pg's own conversion of a parameter to its text (Dates in local time with offset, arrays as
// array literals, objects as JSON): what TypeORM's parameters become on the wire.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/** `clear` deletes the rows of a heap up to this size rather than truncate it (~5,000 rows of 200 bytes). */
const DELETE_UP_TO_BYTES = 1024 * 1024;

/** Rows per statement: one JSON parameter each, so only the statement's size bounds it. */
const ROWS_PER_STATEMENT = 10_000;

/** COPY data is handed to the connection in pieces of about this many characters. */
const COPY_CHUNK = 1 << 20;

/** A column of the table as the catalog describes it. */
interface ColumnCatalog {
  name: string;
  type: string;
  baseType: string;
  hasDefault: boolean;
  generated: boolean;
}

interface Plan {
  /** Qualified, quoted table name. */
  table: string;
  columns: ColumnMetadata[];
  /** Quoted column names, in `columns` order. */
  quoted: string[];
  /** Column names as JSON object keys (`"name":`), in `columns` order. */
  jsonKeys: string[];
  /**
   * How each column's value becomes what TypeORM would send: `as-is` (no transformer, a type its
   * driver does not convert), `json` (json/jsonb without transformer: JSON.stringify, as the driver
   * does), `driver` (preparePersistentValue, which allocates its list of types on every call).
   */
  conversion: ('as-is' | 'json' | 'driver')[];
  /** Columns with a default in the table: TypeORM writes DEFAULT for `undefined`, populating would write NULL. */
  defaulted: boolean[];
  keyIndex: number;
  /** The key column's SQL type, for `= ANY($1::type[])`. */
  keyType: string;
  select: string;
  /** `COPY table (columns) FROM STDIN`: rows known to be new (text format, `\N` for NULL). */
  copy: string;
  upsert: string;
  remove: string;
}

/** Column types PostgresDriver.preparePersistentValue leaves as they are (it converts dates, json, hstore, enums, …). */
const PASS_THROUGH = new Set(['text', 'varchar', 'character varying', 'integer', 'int', 'int4', 'smallint', 'int2', 'bigint', 'int8', 'numeric', 'decimal', 'boolean', 'bool', 'uuid', 'real', 'float4', 'double precision', 'float8']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A read model's table read and written with set-based SQL instead of TypeORM's entity machinery:
 * rows are loaded with one `SELECT … WHERE key = ANY($1)` and hydrated as `find` would
 * (`prepareHydratedValue`, transformers), and upserted with one statement per chunk,
 * `INSERT … SELECT x.c::type … FROM json_to_recordset($1) AS x(c text, …) ON CONFLICT (key) DO UPDATE`;
 * rows the caller knows to be new (a rebuild's, a catch-up's) go in by `COPY … FROM STDIN`.
 *
 * Every cell is the text TypeORM would have sent as a parameter (`getEntityValue`, then
 * `preparePersistentValue` with the column's transformer, then node-pg's `prepareValue`), so the
 * database parses exactly what it parsed before, with the same input functions (json/jsonb cells
 * travel as strings too: embedded JSON objects cost PostgreSQL 3–5× more to take apart).
 *
 * An entity this cannot map faithfully (relations, embeddeds, generated, version or date-stamp
 * columns, columns TypeORM does not select or update, spatial columns, load listeners, columns
 * missing from the table) is read and written by TypeORM as before; so is any row with a value that
 * is not text (a Buffer) or `undefined` in a column with a default (TypeORM writes DEFAULT there).
 */
export class RowTable {
  readonly keyProperty: string;
  readonly keyColumn: string;
  private plan: Plan | null | undefined;

  constructor(
    private readonly dataSource: DataSource,
    readonly metadata: EntityMetadata,
  ) {
    const [primary] = metadata.primaryColumns;
    this.keyProperty = primary.propertyPath;
    this.keyColumn = primary.databaseName;
  }

  /**
   * Empties the tables in two round trips: each by DELETE when its heap is small, by TRUNCATE
   * otherwise (TRUNCATE makes new files for the table and each index, ~10 ms a table: most of a
   * small service's rebuild). The heap's size, dead rows included, is what a DELETE has to wade
   * through, and PostgreSQL knows it without reading the table (counting up to 5,001 rows in each
   * of feedback-intake's nine tables took 10 ms of a rebuild on a new connection; side by side on a
   * busy machine, asking their sizes took about a tenth of counting).
   * One query sizes, one multi-statement query empties (a DO block doing both took twice as long).
   */
  static async clear(manager: EntityManager, tables: readonly RowTable[]): Promise<void> {
    if (tables.length === 0) return;
    const names = tables.map((t) => t.qualifiedName());
    const sizes: { bytes: string }[] = await manager.query(`SELECT pg_relation_size(t::regclass) AS bytes FROM unnest($1::text[]) WITH ORDINALITY AS n(t, i) ORDER BY i`, [names]);
    // Without parameters node-pg sends the simple query protocol, which runs several statements.
    await manager.query(names.map((table, i) => (Number(sizes[i].bytes) > DELETE_UP_TO_BYTES ? `TRUNCATE TABLE ${table}` : `DELETE FROM ${table}`)).join('; '));
  }

  /**
   * The rows with these keys, hydrated as TypeORM's `find` hydrates them. `select` runs the keyed
   * SELECT (default: on `manager`; `rowsByKey`: prepared with a generic plan).
   */
  async load(
    manager: EntityManager,
    keys: readonly string[],
    select: (sql: string, keys: readonly string[]) => Promise<Record<string, unknown>[]> = (sql, batch) => manager.query(sql, [batch]),
  ): Promise<ObjectLiteral[]> {
    if (keys.length === 0) return [];
    const plan = await this.planFor(manager);
    if (!plan) return this.loadWithTypeorm(manager, keys);
    const driver = this.dataSource.driver;
    const found: ObjectLiteral[] = [];
    for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
      const raw = await select(plan.select, keys.slice(i, i + ROWS_PER_STATEMENT));
      for (const record of raw) {
        const entity = this.metadata.create(manager.queryRunner, { fromDeserializer: true });
        for (const column of plan.columns) {
          const value = record[column.databaseName];
          if (value === undefined) continue;
          column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
        }
        found.push(entity);
      }
    }
    return found;
  }

  /**
   * Inserts the rows, or overwrites every column of the rows whose key exists. `absent`: the caller
   * knows that no row has these keys (then `COPY`, which fails rather than overwrite). `sent`: called
   * once a COPY's rows are handed to the connection, before PostgreSQL has taken them in.
   */
  async upsert(manager: EntityManager, rows: readonly ObjectLiteral[], absent = false, sent?: () => void): Promise<void> {
    if (rows.length === 0) return;
    const plan = await this.planFor(manager);
    if (!plan) return this.upsertWithTypeorm(manager, rows);
    const fallback: ObjectLiteral[] = [];
    if (absent) await this.copy(manager, plan, rows, fallback, sent);
    else {
      const written: (string | null)[][] = [];
      for (const row of rows) {
        const cells = this.cells(plan, row);
        if (cells === null) fallback.push(row);
        else written.push(cells);
      }
      for (let i = 0; i < written.length; i += ROWS_PER_STATEMENT) {
        await manager.query(plan.upsert, [`[${written.slice(i, i + ROWS_PER_STATEMENT).map((cells) => rowJson(plan, cells)).join(',')}]`]);
      }
    }
    if (fallback.length > 0) await this.upsertWithTypeorm(manager, fallback);
  }

  /**
   * New rows by `COPY … FROM STDIN` on the transaction's connection: the database parses each cell
   * with the column type's input function, as for a parameter, without taking a JSON document apart
   * first (half the time of the JSON statement for a table of large jsonb documents).
   */
  private async copy(manager: EntityManager, plan: Plan, rows: readonly ObjectLiteral[], fallback: ObjectLiteral[], sent?: () => void): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('RowTable.upsert needs the transaction manager of a query runner');
    const client = (await runner.connect()) as PoolClient;
    const copy = client.query(copyFrom(plan.copy));
    if (sent) {
      // The stream holds the rows until the server answers COPY with CopyInResponse (pg calls the
      // query's handler, untyped), then writes them out: from there on PostgreSQL works without us.
      // Without that handler (another pg-copy-streams) the caller learns it when the COPY is done.
      const query = copy as unknown as { handleCopyInResponse?(connection: unknown): void };
      const flush = query.handleCopyInResponse?.bind(query);
      if (flush) {
        query.handleCopyInResponse = (connection) => {
          flush(connection);
          sent();
        };
      }
    }
    await pipeline(Readable.from(this.copyText(plan, rows, fallback)), copy);
  }

  /**
   * The rows as COPY text, a piece at a time as the connection takes it, so PostgreSQL parses one
   * piece while the next is made (made whole first, it waited for all of it: ~1 s of Node work for
   * work-planning's 23,000 SKP states in a rebuild). Rows that need TypeORM are left in `fallback`.
   */
  private *copyText(plan: Plan, rows: readonly ObjectLiteral[], fallback: ObjectLiteral[]): Generator<string> {
    let chunk = '';
    for (const row of rows) {
      const cells = this.cells(plan, row);
      if (cells === null) {
        fallback.push(row);
        continue;
      }
      chunk += copyLine(cells);
      if (chunk.length >= COPY_CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  async remove(manager: EntityManager, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const plan = await this.planFor(manager);
    for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
      const chunk = keys.slice(i, i + ROWS_PER_STATEMENT);
      if (plan) await manager.query(plan.remove, [chunk]);
      else await manager.delete(this.metadata.target, { [this.keyProperty]: In(chunk) });
    }
  }

  /**
   * The texts TypeORM would send for the row's columns, in `plan.columns` order (null: NULL); null
   * when the row must go through TypeORM.
   */
  private cells(plan: Plan, row: ObjectLiteral): (string | null)[] | null {
    const driver = this.dataSource.driver;
    const cells: (string | null)[] = new Array(plan.columns.length);
    for (let i = 0; i < plan.columns.length; i++) {
      const column = plan.columns[i];
      const raw = column.getEntityValue(row);
      const conversion = plan.conversion[i];
      // A transformer may turn null into a value: only `json` skips the driver for null.
      const value = conversion === 'as-is' ? raw : conversion === 'json' ? (raw == null ? raw : JSON.stringify(raw)) : driver.preparePersistentValue(raw, column);
      if (value === undefined) {
        // TypeORM writes DEFAULT: the same as the NULL an absent value gives, unless the column has a default.
        if (plan.defaulted[i]) return null;
        cells[i] = null;
        continue;
      }
      const text = typeof value === 'string' ? value : prepareValue(value);
      if (text !== null && typeof text !== 'string') return null;
      cells[i] = text === null ? null : wellFormed(text);
    }
    return cells;
  }

  private async planFor(manager: EntityManager): Promise<Plan | null> {
    if (this.plan === undefined) await RowTable.prepare(manager, [this]);
    return this.plan!;
  }

  /** Inspects the tables not inspected yet, with one catalog query for all of them. */
  static async prepare(manager: EntityManager, tables: readonly RowTable[]): Promise<void> {
    const pending = tables.filter((t) => t.plan === undefined);
    if (pending.length === 0) return;
    const names = pending.map((t) => t.qualifiedName());
    const catalog: (ColumnCatalog & { relation: number })[] = await manager.query(
      `SELECT r.n AS relation, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, format_type(a.atttypid, NULL) AS "baseType",
              a.atthasdef AS "hasDefault", a.attgenerated <> '' AS generated
         FROM unnest($1::text[]) WITH ORDINALITY AS r(t, n)
         JOIN pg_attribute a ON a.attrelid = r.t::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
      [names],
    );
    pending.forEach((table, i) => {
      table.plan = table.planFrom(catalog.filter((c) => Number(c.relation) === i + 1));
    });
  }

  private qualifiedName(): string {
    return this.metadata.tablePath.split('.').map(quote).join('.');
  }

  /** The plan from the table's columns in the catalog: null when the entity needs TypeORM's own reading and writing. */
  private planFrom(catalog: readonly ColumnCatalog[]): Plan | null {
    const metadata = this.metadata;
    const table = this.qualifiedName();
    const byName = new Map(catalog.map((c) => [c.name, c]));
    const columns = metadata.columns;
    const plain = (c: ColumnMetadata) =>
      !c.isVirtual &&
      !c.isVirtualProperty &&
      c.isInsert &&
      c.isUpdate &&
      c.isSelect &&
      !c.isGenerated &&
      !c.isVersion &&
      !c.isDiscriminator &&
      !c.isCreateDate &&
      !c.isUpdateDate &&
      !c.isDeleteDate &&
      !c.isTreeLevel &&
      !c.relationMetadata &&
      !c.embeddedMetadata &&
      // TypeORM wraps these in ST_GeomFromGeoJSON / ST_AsGeoJSON.
      !(this.dataSource.driver.spatialTypes as unknown[]).includes(c.type) &&
      byName.has(c.databaseName) &&
      !byName.get(c.databaseName)!.generated;
    const faithful =
      metadata.primaryColumns.length === 1 &&
      metadata.relations.length === 0 &&
      metadata.embeddeds.length === 0 &&
      metadata.afterLoadListeners.length === 0 &&
      metadata.childEntityMetadatas.length === 0 &&
      this.dataSource.subscribers.length === 0 &&
      columns.every(plain);
    if (!faithful) return null;
    const quoted = columns.map((c) => quote(c.databaseName));
    const keyIndex = columns.findIndex((c) => c.databaseName === this.keyColumn);
    const keyType = byName.get(this.keyColumn)!.type;
    const others = quoted.filter((_, i) => i !== keyIndex);
    const list = quoted.join(', ');
    // Each cell arrives as the text a parameter would carry and goes through the type's input
    // function (the cast); the column's own typmod applies on assignment, as for a parameter.
    const source =
      `SELECT ${columns.map((c, i) => `x.${quoted[i]}::${byName.get(c.databaseName)!.baseType}`).join(', ')} ` +
      `FROM json_to_recordset($1::json) AS x(${quoted.map((q) => `${q} text`).join(', ')})`;
    return {
      table,
      columns,
      quoted,
      jsonKeys: columns.map((c) => `${JSON.stringify(c.databaseName)}:`),
      conversion: columns.map((c) =>
        c.transformer ? 'driver' : typeof c.type === 'string' && PASS_THROUGH.has(c.type) ? 'as-is' : c.type === 'json' || c.type === 'jsonb' ? 'json' : 'driver',
      ),
      defaulted: columns.map((c) => byName.get(c.databaseName)!.hasDefault),
      keyIndex,
      keyType,
      select: `SELECT ${list} FROM ${table} WHERE ${quoted[keyIndex]} = ANY($1::${keyType}[])`,
      copy: `COPY ${table} (${list}) FROM STDIN`,
      upsert:
        `INSERT INTO ${table} (${list}) ${source} ` +
        (others.length > 0
          ? `ON CONFLICT (${quoted[keyIndex]}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`
          : 'ON CONFLICT DO NOTHING'),
      remove: `DELETE FROM ${table} WHERE ${quoted[keyIndex]} = ANY($1::${keyType}[])`,
    };
  }

  private async loadWithTypeorm(manager: EntityManager, keys: readonly string[]): Promise<ObjectLiteral[]> {
    const found: ObjectLiteral[] = [];
    for (let i = 0; i < keys.length; i += 60_000) {
      found.push(...(await manager.find(this.metadata.target, { where: { [this.keyProperty]: In(keys.slice(i, i + 60_000)) } })));
    }
    return found;
  }

  private async upsertWithTypeorm(manager: EntityManager, rows: readonly ObjectLiteral[]): Promise<void> {
    const columns = this.metadata.columns.map((c) => c.databaseName);
    const others = columns.filter((c) => c !== this.keyColumn);
    const size = Math.max(1, Math.floor(60_000 / columns.length));
    for (let i = 0; i < rows.length; i += size) {
      const insert = manager
        .createQueryBuilder()
        .insert()
        .into(this.metadata.target)
        .values(rows.slice(i, i + size))
        .updateEntity(false);
      // Every column is overwritten, so the row is exactly what `evolve` returned.
      await (others.length > 0 ? insert.orUpdate(others, [this.keyColumn]) : insert.orIgnore()).execute();
    }
  }
}

/** The row as one JSON object of its cells' texts (an absent key is NULL). */
function rowJson(plan: Plan, cells: readonly (string | null)[]): string {
  let json = '{';
  let first = true;
  for (let i = 0; i < cells.length; i++) {
    const text = cells[i];
    if (text === null) continue;
    json += `${first ? '' : ','}${plan.jsonKeys[i]}${JSON.stringify(text)}`;
    first = false;
  }
  return `${json}}`;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One line of COPY's text format: tab-separated cells, `\N` for NULL, backslash, newline, return and tab escaped. */
function copyLine(cells: readonly (string | null)[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const text = cells[i];
    if (i > 0) line += '\t';
    line += text === null ? '\\N' : /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : text;
  }
  return `${line}\n`;
}

/** What node-pg sends for a string: UTF-8, lone surrogates replaced (JSON would keep them as escapes PostgreSQL refuses). */
function wellFormed(text: string): string {
  return /[\uD800-\uDFFF]/.test(text) ? Buffer.from(text, 'utf8').toString('utf8') : text;
}
