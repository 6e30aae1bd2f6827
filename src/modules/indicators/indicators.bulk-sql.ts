import { type QueryResult, type RawBuilder, sql, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Storage } from '../../db/database.js';
import { arrayLiteral, type ArrayElement } from '../../db/pg-arrays.js';
import { StatementQueue } from '../../db/statement-queue.js';
import type { AssertionTable, Database, IndicatorTable } from '../../db/schema.js';
import { valueKey } from './indicators.assert.js';

type Trx = Transaction<Database>;

/**
 * The statements of the set-based import path, one implementation per dialect. On PostgreSQL each
 * takes a whole batch as a few array parameters (one per column), so a batch of thousands of rows
 * costs one round trip per step, nothing to compile per row, and no limit on bound parameters;
 * each chunk's statement is encoded while the server runs the one before (StatementQueue).
 */
export interface BulkStatements {
  /** Ids of the values that exist, per `valueKey(kind, canonical)`. */
  findIndicators(trx: Trx, values: readonly (readonly [string, string])[]): Promise<Map<string, string>>;
  /** The dedupe keys among `keys` (each with its indicator) that an assertion of `orgId` already has. */
  knownDedupeKeys(trx: Trx, keys: readonly (readonly [indicatorId: string, dedupeKey: string])[], orgId: string): Promise<Set<string>>;
  /** The indicators among `ids` that `orgId` has asserted before. */
  assertingOrgs(trx: Trx, ids: readonly string[], orgId: string): Promise<Set<string>>;
  /** On PostgreSQL the rows go through `queue`, and may still be going in when this returns. */
  insertIndicators(trx: Trx, rows: readonly IndicatorTable[], queue: StatementQueue): Promise<void>;
  insertAssertions(trx: Trx, rows: readonly AssertionTable[], queue: StatementQueue): Promise<void>;
}

const INDICATOR_COLUMNS = [
  'id', 'kind', 'canonical', 'display', 'facts', 'status', 'score', 'report_count', 'org_count', 'country_count',
  'countries', 'typologies', 'seen_count', 'blocked_count', 'false_positive_count', 'found_false_positive',
  'first_seen', 'last_seen', 'scored_at', 'updated_at', 'coerced_operator', 'audience_facts',
] as const satisfies readonly (keyof IndicatorTable)[];

/** An indicator's values in INDICATOR_COLUMNS' order (positional parameters bind faster than named ones). */
const indicatorValues = (r: IndicatorTable) =>
  [
    r.id, r.kind, r.canonical, r.display, r.facts, r.status, r.score, r.report_count, r.org_count, r.country_count,
    r.countries, r.typologies, r.seen_count, r.blocked_count, r.false_positive_count, r.found_false_positive,
    r.first_seen, r.last_seen, r.scored_at, r.updated_at, r.coerced_operator, r.audience_facts,
  ] as const;

const ASSERTION_COLUMNS = [
  'id', 'indicator_id', 'org_id', 'report_id', 'role', 'typology', 'country', 'loss_minor', 'loss_currency',
  'observed_at', 'created_at', 'dedupe_key', 'tlp', 'distribution', 'share_groups', 'audience',
] as const satisfies readonly (keyof AssertionTable)[];

/** An assertion's values in ASSERTION_COLUMNS' order. */
const assertionValues = (r: AssertionTable) =>
  [
    r.id, r.indicator_id, r.org_id, r.report_id, r.role, r.typology, r.country, r.loss_minor, r.loss_currency,
    r.observed_at, r.created_at, r.dedupe_key, r.tlp, r.distribution, r.share_groups, r.audience,
  ] as const;

// Rows per statement: large enough that statements are few, small enough to keep each one's JSON modest.
const CHUNK = 5000;

const prepared = new WeakMap<SQLite.Database, BulkStatements>();

export function bulkStatements(storage: Storage): BulkStatements {
  if (!storage.sqlite) return postgres;
  let statements = prepared.get(storage.sqlite);
  if (!statements) prepared.set(storage.sqlite, (statements = sqliteStatements(storage.sqlite)));
  return statements;
}

/**
 * On SQLite the statements run on the connection under the write's transaction, prepared once:
 * one prepared statement per row costs less there than any statement that carries many rows.
 */
function sqliteStatements(handle: SQLite.Database): BulkStatements {
  // A bulk write touches index pages all over the tables: keep more of them in memory (64 MB),
  handle.pragma('cache_size = -65536');
  // and copy the write-ahead log back into the database less often (at 64 MB, not SQLite's 1,000
  // pages): a page that batch after batch changes is then copied once per checkpoint rather than
  // once per batch. The setting counts pages, whose size the database chose when it was made.
  const pageSize = handle.pragma('page_size', { simple: true }) as number;
  handle.pragma(`wal_autocheckpoint = ${Math.ceil((64 * 1024 * 1024) / pageSize)}`);
  const findOne = handle.prepare<[string, string], string>('SELECT id FROM indicators WHERE kind = ? AND canonical = ?').pluck();
  const keyOne = handle.prepare<[string, string, string], number>('SELECT 1 FROM assertions WHERE indicator_id = ? AND org_id = ? AND dedupe_key = ?').pluck();
  const pairOne = handle.prepare<[string, string], number>('SELECT 1 FROM assertions WHERE indicator_id = ? AND org_id = ? LIMIT 1').pluck();
  // Positional parameters: better-sqlite3 binds named ones by looking each name up on the row.
  const insert = (table: string, columns: readonly string[]) =>
    handle.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const insertIndicator = insert('indicators', INDICATOR_COLUMNS);
  const insertAssertion = insert('assertions', ASSERTION_COLUMNS);
  return {
    async findIndicators(_trx, values) {
      const out = new Map<string, string>();
      for (const [kind, canonical] of values) {
        const id = findOne.get(kind, canonical);
        if (id !== undefined) out.set(valueKey(kind, canonical), id);
      }
      return out;
    },
    async knownDedupeKeys(_trx, keys, orgId) {
      return new Set(keys.filter(([id, key]) => keyOne.get(id, orgId, key) !== undefined).map(([, key]) => key));
    },
    async assertingOrgs(_trx, ids, orgId) {
      return new Set(ids.filter((id) => pairOne.get(id, orgId) !== undefined));
    },
    async insertIndicators(_trx, rows) {
      for (const row of rows) insertIndicator.run(...indicatorValues(row));
    },
    async insertAssertions(_trx, rows) {
      for (const row of rows) insertAssertion.run(...assertionValues(row));
    },
  };
}

const postgres: BulkStatements = {
  async findIndicators(trx, values) {
    // Values compare in the column's own collation ("C"), which its unique index is built on. One
    // index probe per value, as a subquery: as a join, the planner hashed the values and read the
    // whole table, batch after batch of an import, while it grew.
    const rows = await rowsOfParts(trx, values, (part) => sql<{ id: string | null; kind: string; canonical: string }>`
        SELECT v.kind, v.canonical,
          (SELECT i.id FROM indicators AS i WHERE i.kind = v.kind AND i.canonical = v.canonical COLLATE "C") AS id
        FROM unnest(${arrayLiteral(part.map((v) => v[0]))}::text[], ${arrayLiteral(part.map((v) => v[1]))}::text[]) AS v(kind, canonical)`);
    const out = new Map<string, string>();
    for (const r of rows) if (r.id !== null) out.set(valueKey(r.kind, r.canonical), r.id);
    return out;
  },
  async knownDedupeKeys(trx, keys, orgId) {
    const rows = await rowsOfParts(trx, keys, (part) => sql<{ dedupe_key: string }>`
        SELECT a.dedupe_key
        FROM unnest(${arrayLiteral(part.map((k) => k[0]))}::text[], ${arrayLiteral(part.map((k) => k[1]))}::text[]) AS k(indicator_id, dedupe_key)
        JOIN assertions AS a ON a.indicator_id = k.indicator_id AND a.org_id = ${orgId} AND a.dedupe_key = k.dedupe_key`);
    return new Set(rows.map((r) => r.dedupe_key));
  },
  async assertingOrgs(trx, ids, orgId) {
    const rows = await rowsOfParts(trx, ids, (part) => sql<{ indicator_id: string }>`
        SELECT DISTINCT indicator_id FROM assertions WHERE indicator_id = ANY(${arrayLiteral(part)}::text[]) AND org_id = ${orgId}`);
    return new Set(rows.map((r) => r.indicator_id));
  },
  insertIndicators: (trx, rows, queue) => insertPostgres(trx, queue, 'indicators', INDICATOR_COLUMNS, rows),
  insertAssertions: (trx, rows, queue) => insertPostgres(trx, queue, 'assertions', ASSERTION_COLUMNS, rows),
};

/** The rows a query answers for each chunk of `items`, each chunk's statement built while the one before runs. */
async function rowsOfParts<T, R>(trx: Trx, items: readonly T[], statementOf: (part: T[]) => RawBuilder<R>): Promise<R[]> {
  const queue = new StatementQueue();
  const answers: Promise<QueryResult<R>>[] = [];
  for (const part of chunked(items)) {
    const statement = statementOf(part);
    await queue.send(() => {
      const answer = statement.execute(trx);
      answers.push(answer);
      return answer;
    });
  }
  await queue.settled();
  return (await Promise.all(answers)).flatMap((a) => a.rows);
}

/**
 * Sends the rows through `queue`: the last chunk may still be running when this returns. One array
 * per column, which `unnest` turns back into rows, each typed as its column. A column the whole
 * chunk shares (an import's organisation, marking and times, most counters) goes once, as one
 * value: it is neither encoded nor parsed per row. The first column (the id) always varies.
 */
async function insertPostgres<T extends object>(
  trx: Trx,
  queue: StatementQueue,
  table: string,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
): Promise<void> {
  const typeOf = (c: string) => sql.raw(POSTGRES_TYPES[c] ?? 'text');
  for (const part of chunked(rows)) {
    const varying = columns.filter((c, i) => i === 0 || !sharedByAll(part, c));
    const arrays = varying.map((c) => sql`${arrayLiteral(part.map((row) => row[c] as ArrayElement))}::${typeOf(c)}[]`);
    const values = columns.map((c) => (varying.includes(c) ? sql.ref(`u.${c}`) : sql`${part[0][c] ?? null}::${typeOf(c)}`));
    const statement = sql`INSERT INTO ${sql.table(table)} (${columnList(columns)})
      SELECT ${sql.join(values)} FROM unnest(${sql.join(arrays)}) AS u(${columnList(varying)})`;
    await queue.send(() => statement.execute(trx));
  }
}

function sharedByAll<T extends object>(rows: readonly T[], column: keyof T): boolean {
  const first = rows[0][column] ?? null;
  for (let i = 1; i < rows.length; i++) if ((rows[i][column] ?? null) !== first) return false;
  return true;
}

/** Columns that are not text, as PostgreSQL types them. */
const POSTGRES_TYPES: Record<string, string> = Object.fromEntries([
  ...['score', 'report_count', 'org_count', 'country_count', 'seen_count', 'blocked_count', 'false_positive_count', 'found_false_positive', 'coerced_operator'].map((c) => [c, 'integer']),
  ['loss_minor', 'bigint'],
]);

function columnList(columns: readonly string[]): RawBuilder<unknown> {
  return sql.join(columns.map((c) => sql.ref(c)));
}

function chunked<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
