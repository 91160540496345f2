import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { EmptyState } from '../components/states.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState>
      {t('errors.pageNotFound')} <Link to="/queue">{t('nav.queue')}</Link>
    </EmptyState>
  );
}
