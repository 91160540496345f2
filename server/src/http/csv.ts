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

export interface ParsedCsv {
  /** Each record's cells, with the 1-based line it starts on (a quoted cell may span lines). */
  readonly records: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a CSV document (RFC 4180: `,` separated, `"` quoted with `""` inside, CRLF or LF line ends,
 * an optional UTF-8 byte-order mark), the counterpart of `toCsv`: a cell `toCsv` prefixed with `'` to
 * defuse a formula comes back without it. Blank lines are skipped.
 */
export function parseCsv(text: string): ParsedCsv {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let recordLine = 1;
  const endCell = () => {
    cells.push(unDefused(cell));
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      if (cell !== '') throw new CsvSyntaxError(line, 'a quote in the middle of an unquoted cell');
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') endCell();
    else if (c === '\r' && src[i + 1] === '\n') continue;
    else if (c === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else if (wasQuoted) throw new CsvSyntaxError(line, 'text after a closing quote');
    else cell += c;
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted cell is never closed');
  endRecord();
  return { records };
}

/** Undoes `csvCell`'s defusing of formula-like text (`'=A1` → `=A1`); the value is stored as text, never run. */
function unDefused(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
