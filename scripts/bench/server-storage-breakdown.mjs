// Where a bench database's bytes go: every table, index and (PostgreSQL) TOAST store with its size, so a
// per-device figure can be traced to what dominates it instead of guessed at.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'package.json'));

/**
 * SQLite: the `dbstat` virtual table sums the pages of each b-tree (a table or an index). Free pages
 * (left by deletes, reused before the file grows) are reported as their own row.
 * @returns {Promise<Array<{ name: string, kind: 'table' | 'index' | 'toast' | 'free', table: string, bytes: number }>>}
 */
export async function sqliteBreakdown(file) {
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    const owners = new Map(db.prepare("select name, type, tbl_name from sqlite_master where type in ('table', 'index')").all().map((r) => [r.name, r]));
    const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all();
    const out = rows.map((r) => {
      const owner = owners.get(r.name);
      // Implicit primary-key and unique indexes are named sqlite_autoindex_TABLE_N.
      const table = owner?.tbl_name ?? /^sqlite_autoindex_(.+)_\d+$/.exec(r.name)?.[1] ?? r.name;
      return { name: r.name, kind: owner?.type === 'table' || r.name === 'sqlite_schema' ? 'table' : 'index', table, bytes: Number(r.bytes) };
    });
    const { freelist_count: free } = db.prepare('pragma freelist_count').get();
    const { page_size: pageSize } = db.prepare('pragma page_size').get();
    if (free > 0) out.push({ name: '(free pages)', kind: 'free', table: '(free pages)', bytes: free * pageSize });
    return out.sort((a, b) => b.bytes - a.bytes);
  } finally {
    db.close();
  }
}

/**
 * PostgreSQL: each user table's heap (main fork plus free-space and visibility maps), its TOAST store
 * (out-of-line values over about 2 KB, with the TOAST index) and each of its indexes. What the database
 * holds besides (system catalogs: about 7.5 MB in an empty database) is the difference to
 * `pg_database_size`.
 */
export async function postgresBreakdown(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      select t.relname as table_name,
             pg_table_size(t.oid) - coalesce(pg_total_relation_size(nullif(t.reltoastrelid, 0)), 0) as heap,
             coalesce(pg_total_relation_size(nullif(t.reltoastrelid, 0)), 0) as toast,
             t.oid
        from pg_class t join pg_namespace n on n.oid = t.relnamespace
       where t.relkind = 'r' and n.nspname = current_schema()`);
    const { rows: indexes } = await client.query(`
      select i.relname as name, t.relname as table_name, pg_relation_size(i.oid) as bytes
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        join pg_namespace n on n.oid = t.relnamespace
       where n.nspname = current_schema()`);
    const out = [];
    for (const r of rows) {
      out.push({ name: r.table_name, kind: 'table', table: r.table_name, bytes: Number(r.heap) });
      if (Number(r.toast) > 0) out.push({ name: `${r.table_name} (TOAST)`, kind: 'toast', table: r.table_name, bytes: Number(r.toast) });
    }
    for (const r of indexes) out.push({ name: r.name, kind: 'index', table: r.table_name, bytes: Number(r.bytes) });
    return out.sort((a, b) => b.bytes - a.bytes);
  } finally {
    await client.end();
  }
}

/** The breakdown as a Markdown table: the largest relations, then everything else in one row. */
export function breakdownMarkdown(breakdown, devices, totalBytes, top = 12) {
  const kib = (n) => (n / devices / 1024).toFixed(1);
  const lines = ['| table / index | kind | KiB per device | share |', '|---|---|---:|---:|'];
  for (const r of breakdown.slice(0, top)) lines.push(`| ${r.name} | ${r.kind} | ${kib(r.bytes)} | ${Math.round((100 * r.bytes) / totalBytes)} % |`);
  const rest = breakdown.slice(top).reduce((s, r) => s + r.bytes, 0);
  const listed = breakdown.reduce((s, r) => s + r.bytes, 0);
  if (rest > 0) lines.push(`| ${breakdown.length - top} others | | ${kib(rest)} | ${Math.round((100 * rest) / totalBytes)} % |`);
  if (totalBytes > listed) lines.push(`| outside the tables (file header and WAL, or PostgreSQL's catalogs) | | ${kib(totalBytes - listed)} | ${Math.round((100 * (totalBytes - listed)) / totalBytes)} % |`);
  return lines.join('\n');
}
