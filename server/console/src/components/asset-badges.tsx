import type { AssetStatus } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

function statusTone(status: AssetStatus): string {
  switch (status) {
    case 'in-use':
      return 'ok';
    case 'in-stock':
      return 'info';
    case 'in-repair':
      return 'warn';
    case 'retired':
    case 'disposed':
      return '';
  }
}

/** Where the machine is in its life: in stock, in use, in repair, retired, disposed. */
export function AssetStatusBadge({ status }: { readonly status: AssetStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${statusTone(status)}`}>{t(`assets.status.${status}`)}</span>;
}
