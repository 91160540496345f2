import {
  ASSET_CSV_COLUMNS,
  AssetFieldsInputSchema,
  AssetStatusSchema,
  type AssetCsvColumn,
  type AssetFields,
  type AssetImportChange,
  type AssetImportError,
  type AssetImportReport,
  type AssetStatus,
} from '@deskside/shared';
import { sql } from 'kysely';

import { CsvSyntaxError, parseCsv } from '../http/csv.js';
import { assetFieldsOf, changedFields, type ChangeContext } from '../storage/assets-repo.js';
import type { Store } from '../storage/store.js';

/** CSV column → asset field. `serial` and `hostname` find the device; `status` moves it. */
const FIELD_OF_COLUMN: Readonly<Partial<Record<AssetCsvColumn, keyof AssetFields>>> = {
  asset_tag: 'assetTag',
  owner: 'owner',
  department: 'department',
  location: 'location',
  purchase_date: 'purchaseDate',
  supplier: 'supplier',
  warranty_end: 'warrantyEnd',
  notes: 'notes',
};

/** One row that passed every check: the device it updates and what changes. */
interface PlannedRow {
  readonly line: number;
  readonly deviceId: string;
  readonly hostname: string;
  readonly patch: Partial<AssetFields>;
  readonly changed: (keyof AssetFields)[];
  readonly status: AssetStatus | null;
}

const error = (line: number, code: AssetImportError['code'], column: string | null, message: string): AssetImportError => ({ line, code, column, message });

/** The devices a row's identifier names: by serial (exact) or host name (any case). */
async function devicesFor(store: Store, by: 'serial' | 'hostname', value: string) {
  const q = store.db.selectFrom('devices').select(['id', 'hostname']);
  return (by === 'serial' ? q.where('serial', '=', value) : q.where(sql<boolean>`lower(hostname) = ${value.toLowerCase()}`)).limit(2).execute();
}

/**
 * Imports asset records from CSV. Every row is checked first; the report lists each row's errors with
 * its line. Rows are written only when no row has an error and this is not a dry run, all in one
 * transaction, so an import is applied whole or not at all. An empty cell leaves the field as it is
 * (a spreadsheet holding only some columns never wipes the others).
 */
export async function importAssets(store: Store, csv: string, dryRun: boolean, by: ChangeContext): Promise<AssetImportReport> {
  const errors: AssetImportError[] = [];
  let records;
  try {
    records = parseCsv(csv).records;
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return { dryRun, applied: false, rows: 0, changes: [], unchanged: 0, errors: [error(e.line, 'bad-row', null, e.message)] };
  }
  const [header, ...rows] = records;
  if (header === undefined) return { dryRun, applied: false, rows: 0, changes: [], unchanged: 0, errors: [error(1, 'no-match-column', null, 'the CSV has no header line')] };

  const columns = header.cells.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const known = new Set<string>(ASSET_CSV_COLUMNS);
  columns.forEach((c, i) => {
    if (!known.has(c)) errors.push(error(header.line, 'unknown-column', header.cells[i] ?? c, `unknown column "${header.cells[i] ?? c}"; known: ${ASSET_CSV_COLUMNS.join(', ')}`));
  });
  if (!columns.includes('serial') && !columns.includes('hostname')) errors.push(error(header.line, 'no-match-column', null, 'a "serial" or "hostname" column is needed to find each device'));
  if (errors.length > 0) return { dryRun, applied: false, rows: rows.length, changes: [], unchanged: 0, errors };

  const planned: PlannedRow[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      errors.push(error(row.line, 'bad-row', null, `${row.cells.length} cells where the header has ${columns.length}`));
      continue;
    }
    const cell = (c: AssetCsvColumn): string => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : (row.cells[i] ?? '').trim();
    };
    const rowErrors: AssetImportError[] = [];
    const patch: Partial<AssetFields> = {};
    for (const [column, field] of Object.entries(FIELD_OF_COLUMN) as [AssetCsvColumn, keyof AssetFields][]) {
      const value = cell(column);
      if (value === '') continue;
      const parsed = AssetFieldsInputSchema.shape[field].safeParse(value);
      if (parsed.success) Object.assign(patch, { [field]: parsed.data });
      else rowErrors.push(error(row.line, 'invalid-value', column, `${column}: ${parsed.error.issues[0]?.message ?? 'invalid'} ("${value.slice(0, 80)}")`));
    }
    let status: AssetStatus | null = null;
    if (cell('status') !== '') {
      const parsed = AssetStatusSchema.safeParse(cell('status').toLowerCase().replace(/\s+/g, '-'));
      if (parsed.success) status = parsed.data;
      else rowErrors.push(error(row.line, 'invalid-value', 'status', `status: "${cell('status')}" is not one of in-stock, in-use, in-repair, retired, disposed`));
    }
    const by: 'serial' | 'hostname' | null = cell('serial') !== '' ? 'serial' : cell('hostname') !== '' ? 'hostname' : null;
    if (by === null) {
      rowErrors.push(error(row.line, 'no-identifier', null, 'neither a serial nor a host name to find the device by'));
    } else {
      const found = await devicesFor(store, by, cell(by));
      const [first] = found;
      if (first === undefined) rowErrors.push(error(row.line, 'device-not-found', by, `no device with ${by} "${cell(by)}"`));
      else if (found.length > 1) rowErrors.push(error(row.line, 'ambiguous-device', by, `several devices have ${by} "${cell(by)}"; use the serial`));
      else if (seen.has(first.id)) rowErrors.push(error(row.line, 'duplicate-row', by, `the same device as line ${seen.get(first.id)}`));
      else if (rowErrors.length === 0) {
        seen.set(first.id, row.line);
        const current = await store.assets.row(first.id);
        if (current !== null) {
          const changed = changedFields(assetFieldsOf(current), patch);
          planned.push({ line: row.line, deviceId: first.id, hostname: first.hostname, patch, changed, status: status === current.asset_status ? null : status });
        }
      }
    }
    errors.push(...rowErrors);
  }

  const changes: AssetImportChange[] = planned
    .filter((p) => p.changed.length > 0 || p.status !== null)
    .map((p) => ({ line: p.line, deviceId: p.deviceId, hostname: p.hostname, changed: [...p.changed, ...(p.status === null ? [] : ['status'])] }));
  const report = { dryRun, rows: rows.length, changes, unchanged: planned.length - changes.length, errors };
  if (dryRun || errors.length > 0) return { ...report, applied: false };

  await store.assets.transaction(async (trx) => {
    for (const p of planned) {
      if (p.changed.length > 0) await store.assets.update(p.deviceId, p.patch, by, trx);
      if (p.status !== null) await store.assets.changeStatus(p.deviceId, p.status, 'CSV import', by, trx);
    }
    await store.audit.record(
      { actor: by.actor, action: 'device.asset-import', target: { kind: 'device', id: null }, details: { rows: rows.length, changed: changes.length }, ip: by.ip },
      store.clock(),
      trx,
    );
  });
  return { ...report, applied: true };
}
