import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { isApiRequestError } from '../api/api-error.js';

export function Loading({ label }: { readonly label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function EmptyState({ children }: { readonly children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/**
 * Says what failed in words a technician can act on; the server's message is text, never HTML. A thing
 * that does not exist gets its own title and, with `back`, a way back to the list it came from.
 */
export function ErrorState({ error, onRetry, back }: { readonly error: unknown; readonly onRetry?: () => void; readonly back?: { readonly to: string; readonly label: string } }) {
  const { t } = useTranslation();
  const missing = isApiRequestError(error) && error.code === 'not_found';
  return (
    <div className="state state-error" role="alert">
      <strong>{missing ? t('common.notFoundTitle') : t('common.errorTitle')}</strong>
      <span>{describeError(error, t)}</span>
      {back && <Link to={back.to}>← {back.label}</Link>}
      {onRetry && !missing && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function describeError(error: unknown, t: (key: string) => string): string {
  if (isApiRequestError(error)) {
    switch (error.code) {
      case 'network':
        return t('errors.network');
      case 'forbidden':
        return t('errors.forbidden');
      case 'not_found':
        return t('errors.notFound');
      case 'rate_limited':
        return t('errors.rateLimited');
      case 'bad_response':
        return t('errors.badResponse');
      case 'internal':
      case 'unavailable':
        return t('errors.server');
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
