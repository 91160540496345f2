import { useTranslation } from 'react-i18next';

import { formatAge, formatDateTime, formatRelative } from '../format/dates.js';

/** A timestamp in the technician's locale and time zone; the exact instant sits in the tooltip and markup. */
export function DateText({ iso, relative = false }: { readonly iso: string | null | undefined; readonly relative?: boolean }) {
  const { i18n } = useTranslation();
  if (iso == null) return <span className="muted">—</span>;
  const absolute = formatDateTime(iso, i18n.language);
  return (
    <time dateTime={iso} title={relative ? absolute : iso}>
      {relative ? formatRelative(iso, i18n.language) : absolute}
    </time>
  );
}

export function AgeText({ iso }: { readonly iso: string }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={iso} title={formatDateTime(iso, i18n.language)} className="nowrap">
      {formatAge(iso)}
    </time>
  );
}
