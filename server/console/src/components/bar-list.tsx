import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { formatNumber } from '../format/numbers.js';

export interface BarDatum {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** The filtered list behind the number, when the queue can show it. */
  readonly to?: string | undefined;
}

/**
 * A horizontal bar per row, drawn with CSS: a table whose label and number are read by screen
 * readers and copied by a mouse, with the bar only as decoration. Suits long labels (device models,
 * OS names) that a column chart's axis would cut.
 */
export function BarList({ data, label, color = '#2c6fd6' }: { readonly data: readonly BarDatum[]; readonly label: string; readonly color?: string }) {
  const { t, i18n } = useTranslation();
  if (data.length === 0) return <p className="muted small">{t('reports.nothing')}</p>;
  const max = Math.max(...data.map((d) => d.value), 1);
  return (
    <table className="data compact bar-list" aria-label={label}>
      <tbody>
        {data.map((d) => (
          <tr key={d.key}>
            <th scope="row">{d.to === undefined ? d.label : <Link to={d.to}>{d.label}</Link>}</th>
            <td className="bar-cell" aria-hidden="true">
              <span className="bar" style={{ width: `${(100 * d.value) / max}%`, background: color }} />
            </td>
            <td className="num">{formatNumber(d.value, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
