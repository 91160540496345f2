import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { formatNumber } from '../format/numbers.js';

export interface LinkedDatum {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly color: string;
  /** Where a click on this bar (or its legend link) goes: the filtered list behind the number. */
  readonly to: string;
}

/**
 * A bar chart whose bars open the filtered list they count. The same numbers are repeated as links under
 * the chart, so keyboard and screen-reader users reach the same lists.
 */
export function LinkBarChart({ data, label, height = 220 }: { readonly data: readonly LinkedDatum[]; readonly label: string; readonly height?: number }) {
  const navigate = useNavigate();
  const { i18n } = useTranslation();
  const rows = data.map((d) => ({ ...d }));
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <div style={{ width: '100%', height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => formatNumber(Number(v), i18n.language)} />
            <Bar
              dataKey="value"
              name={label}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_entry, index) => {
                const d = data[index];
                if (d) void navigate(d.to);
              }}
            >
              {rows.map((d) => (
                <Cell key={d.key} fill={d.color} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-links">
        {data.map((d) => (
          <Link key={d.key} to={d.to}>
            <span className="legend-dot" style={{ background: d.color }} aria-hidden="true" />
            {d.label}: <strong>{formatNumber(d.value, i18n.language)}</strong>
          </Link>
        ))}
      </figcaption>
    </figure>
  );
}
