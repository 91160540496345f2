import { describe, expect, it } from 'vitest';

import { CsvSyntaxError, csvCell, parseCsv, toCsv } from '../../src/http/csv.js';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).startsWith(`'${start}`) || csvCell(`${start}1+1`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell('=cmd|"/c calc"!A1')).toBe('"\'=cmd|""/c calc""!A1"');
    // Numbers stay numbers: a negative figure is data, not a formula.
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes a UTF-8 BOM, CRLF line ends and Chinese text as is', () => {
    expect(toCsv(['名称', 'n'], [['硬件组', 2]])).toBe('\uFEFF名称,n\r\n硬件组,2\r\n');
  });
});

describe('reading CSV', () => {
  const cells = (text: string) => parseCsv(text).records.map((r) => r.cells);

  it('reads what toCsv writes, formulas defused and all', () => {
    const rows = [
      ['plain', 'a,b', 'say "hi"', 'two\nlines'],
      ['=cmd|"/c calc"!A1', '-5', '硬件组', ''],
    ];
    expect(cells(toCsv(['h1', 'h2', 'h3', 'h4'], rows))).toEqual([['h1', 'h2', 'h3', 'h4'], ...rows]);
  });

  it('takes LF or CRLF, skips blank lines and numbers each record by the line it starts on', () => {
    const parsed = parseCsv('a,b\n\n"x\ny",z\r\nlast,\n');
    expect(parsed.records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x\ny', 'z'] },
      { line: 5, cells: ['last', ''] },
    ]);
  });

  it('names the line of a quote left open or misplaced', () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"open,b\nc')).toThrow('never closed');
    expect(() => parseCsv('a\nb"c"')).toThrow('a quote in the middle');
    expect(() => parseCsv('"a"b')).toThrow('after a closing quote');
  });
});
