import { wordField, wordingLanguage } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatBytes, formatDuration, formatNumber } from '../format/numbers.js';
import { DateText } from './date-text.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "freePercent" → "Free percent": field names read as words without a dictionary of every field. */
export function humanizeKey(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const ROW_LIMIT = 25;

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** Identifiers, ports, codes and years are labels, not quantities: "12453", never "12,453". */
const IDENTIFIER_KEY = /^(id|pid|ppid|port|code|year|number|build)$|(Id|Pid|Port|Code|Number|Build|Version)$/;

/** Units read from the field name, so sizes, shares and durations are shown the way people say them. */
export function formatByKey(key: string, value: number, locale: string): string {
  if (IDENTIFIER_KEY.test(key)) return String(value);
  if (/bytes$/i.test(key)) return formatBytes(value, locale);
  if (/percent$/i.test(key)) return `${formatNumber(Math.round(value * 10) / 10, locale)} %`;
  if (/(^ms|Ms)$/.test(key)) return `${formatNumber(value, locale)} ms`;
  if (/seconds$/i.test(key)) return formatDuration(value, locale);
  return formatNumber(value, locale);
}

function Scalar({ value, name }: { readonly value: unknown; readonly name: string }) {
  const { t, i18n } = useTranslation();
  // Empty is "nothing here" (an error field with no error, a gateway with no latency), not "unknown".
  if (value === null || value === undefined) return <span className="muted">—</span>;
  // Plain words: whether "Virtual machine: No" is good or bad depends on the field, so no colour is implied.
  if (typeof value === 'boolean') return <span>{value ? t('common.yes') : t('common.no')}</span>;
  if (typeof value === 'number') return <span className="nowrap">{formatByKey(name, value, i18n.language)}</span>;
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return <DateText iso={value} />;
  // Text nodes only: whatever a device sent is displayed, never interpreted.
  return <span className="user-text">{String(value)}</span>;
}

/** A field name in the reader's language: the catalog's word when it has one, else the name spelled out. */
function useFieldLabel(): (key: string) => string {
  const { i18n } = useTranslation();
  const language = wordingLanguage(i18n.language);
  return (key) => wordField(key, language) ?? humanizeKey(key);
}

function ObjectTable({ rows }: { readonly rows: readonly Record<string, unknown>[] }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const [all, setAll] = useState(false);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].slice(0, 10);
  const shown = all ? rows : rows.slice(0, ROW_LIMIT);
  return (
    <>
      <div className="table-wrap">
        <table className="data compact">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{label(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>
                    <DataView value={row[c]} depth={3} name={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > ROW_LIMIT && (
        <button type="button" className="btn-link small" onClick={() => setAll((v) => !v)}>
          {all ? t('common.showFewer') : t('common.showAll', { count: rows.length })}
        </button>
      )}
    </>
  );
}

/**
 * Free-form JSON (diagnostic items) laid out for reading: objects as label/value lists, lists of records as
 * tables, flat lists inline. Deep structures fall back to compact JSON text.
 */
export function DataView({ value, depth = 0, name = '' }: { readonly value: unknown; readonly depth?: number; readonly name?: string }) {
  const label = useFieldLabel();
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">—</span>;
    if (value.every(isObject) && depth < 2) return <ObjectTable rows={value} />;
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) return <span className="user-text">{value.map((v) => String(v)).join(', ')}</span>;
    return <code className="user-text">{JSON.stringify(value)}</code>;
  }
  if (isObject(value)) {
    if (depth >= 3) return <code className="user-text">{JSON.stringify(value)}</code>;
    // An error field that holds no error says nothing; showing it invites "Error: —" misreadings.
    const entries = Object.entries(value).filter(([k, v]) => !(v === null && /error$/i.test(k)));
    if (entries.length === 0) return <span className="muted">—</span>;
    return (
      <dl className="kv">
        {entries.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{label(k)}</dt>
            <dd>
              <DataView value={v} depth={depth + 1} name={k} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <Scalar value={value} name={name} />;
}
