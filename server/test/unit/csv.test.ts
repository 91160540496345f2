import { describe, expect, it } from 'vitest';

import { csvCell, toCsv } from '../../src/http/csv.js';

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
