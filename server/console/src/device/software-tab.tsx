import type { DeviceDetail, SoftwarePackage } from '@deskside/shared';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import { formatNumber } from '../format/numbers.js';
import { SectionFrame } from './section-frame.js';

const SHOWN = 200;

export function filterPackages(packages: readonly SoftwarePackage[], query: string): readonly SoftwarePackage[] {
  const q = query.trim().toLocaleLowerCase();
  const sorted = [...packages].sort((a, b) => a.name.localeCompare(b.name));
  if (q === '') return sorted;
  return sorted.filter((p) => p.name.toLocaleLowerCase().includes(q) || (p.publisher ?? '').toLocaleLowerCase().includes(q) || (p.version ?? '').toLocaleLowerCase().includes(q));
}

function SoftwareList({ packages, truncated }: { readonly packages: readonly SoftwarePackage[]; readonly truncated: boolean }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [showAll, setShowAll] = useState(false);
  const filtered = useMemo(() => filterPackages(packages, deferred), [packages, deferred]);
  const shown = showAll ? filtered : filtered.slice(0, SHOWN);
  return (
    <>
      <div className="filters">
        <Field label={t('device.searchSoftware')} className="grow">
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('device.searchSoftwarePlaceholder')} />
        </Field>
        <span className="muted">{t('device.packagesShown', { shown: formatNumber(filtered.length, i18n.language), total: formatNumber(packages.length, i18n.language) })}</span>
      </div>
      {truncated && <p className="notice">{t('device.softwareTruncated')}</p>}
      {filtered.length === 0 ? (
        <p className="muted">{t('device.noSoftware')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" aria-label={t('device.tabs.software')}>
            <thead>
              <tr>
                <th>{t('device.name')}</th>
                <th>{t('device.version')}</th>
                <th>{t('device.publisher')}</th>
                <th>{t('device.installed')}</th>
                <th>{t('device.source')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p, i) => (
                <tr key={`${p.source}:${p.name}:${p.version ?? ''}:${i}`}>
                  <td>{p.name}</td>
                  <td className="mono">{p.version ?? '—'}</td>
                  <td>{p.publisher ?? '—'}</td>
                  <td className="nowrap">{p.installDate ?? '—'}</td>
                  <td>{p.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {filtered.length > SHOWN && (
        <button type="button" className="btn-link" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('common.showFewer') : t('common.showAll', { count: filtered.length })}
        </button>
      )}
    </>
  );
}

export function SoftwareTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t } = useTranslation();
  const inv = detail.inventory;
  return (
    <SectionFrame title={t('device.tabs.software')} section={inv?.sections.software} updatedAt={inv?.sectionUpdatedAt.software}>
      {(sw) => <SoftwareList packages={sw.packages} truncated={sw.truncated} />}
    </SectionFrame>
  );
}
