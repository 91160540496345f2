import { useState } from 'react';
import { useTranslation } from 'react-i18next';

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

function Scalar({ value }: { readonly value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <span className="muted">{t('common.unknown')}</span>;
  if (typeof value === 'boolean') return <span className={`badge ${value ? 'ok' : ''}`}>{value ? t('common.yes') : t('common.no')}</span>;
  // Text nodes only: whatever a device sent is displayed, never interpreted.
  return <span className="user-text">{String(value)}</span>;
}

function ObjectTable({ rows }: { readonly rows: readonly Record<string, unknown>[] }) {
  const { t } = useTranslation();
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
                <th key={c}>{humanizeKey(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>
                    <DataView value={row[c]} depth={3} />
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
export function DataView({ value, depth = 0 }: { readonly value: unknown; readonly depth?: number }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">—</span>;
    if (value.every(isObject) && depth < 2) return <ObjectTable rows={value} />;
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) return <span className="user-text">{value.map((v) => String(v)).join(', ')}</span>;
    return <code className="user-text">{JSON.stringify(value)}</code>;
  }
  if (isObject(value)) {
    if (depth >= 3) return <code className="user-text">{JSON.stringify(value)}</code>;
    const entries = Object.entries(value);
    if (entries.length === 0) return <span className="muted">—</span>;
    return (
      <dl className="kv">
        {entries.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{humanizeKey(k)}</dt>
            <dd>
              <DataView value={v} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <Scalar value={value} />;
}
