import type { SectionStatus } from '@deskside/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';

interface SectionLike {
  readonly status: SectionStatus;
  readonly error?: string | undefined;
  readonly missingPermission?: string | undefined;
  readonly data: unknown;
}

/**
 * One inventory section with its own status: a failed or unsupported collector says so in words
 * (and which permission was missing), never as an empty table that reads like "nothing installed".
 */
export function SectionFrame<S extends SectionLike>({
  title,
  section,
  updatedAt,
  children,
}: {
  readonly title: string;
  readonly section: S | undefined;
  readonly updatedAt?: string | undefined;
  readonly children: (data: NonNullable<S['data']>) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = `section-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {section !== undefined && section.status !== 'ok' && <span className="badge warn">{t(`sectionStatus.${section.status}`)}</span>}
        <span className="spacer" />
        {updatedAt !== undefined && (
          <span className="small muted">
            {t('device.sectionUpdated')} <DateText iso={updatedAt} relative />
          </span>
        )}
      </div>
      {section === undefined && <p className="muted">{t('device.sectionMissing')}</p>}
      {section !== undefined && section.status !== 'ok' && (
        <p className="inline-error user-text">
          {section.error}
          {section.missingPermission !== undefined && ` — ${t('device.missingPermission', { permission: section.missingPermission })}`}
        </p>
      )}
      {section?.data != null && children(section.data as NonNullable<S['data']>)}
    </section>
  );
}
