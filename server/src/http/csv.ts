import type { FastifyReply } from 'fastify';

/** Spreadsheets run a cell starting with these as a formula (OWASP "CSV injection"); tab and CR too. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): text that a spreadsheet would run as a formula is prefixed with `'`. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type CsvRow = readonly (string | number | null | undefined)[];

/**
 * A whole CSV document: CRLF line ends, and a UTF-8 byte-order mark so Excel reads Chinese text as
 * UTF-8 instead of the machine's ANSI code page.
 */
export function toCsv(header: readonly string[], rows: Iterable<CsvRow>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Sends a CSV document as a download named `<base>.csv`. */
export function sendCsv(reply: FastifyReply, base: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${base.replace(/[^\w.-]/g, '_')}.csv"`)
    .header('x-content-type-options', 'nosniff')
    .send(csv);
}
