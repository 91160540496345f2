import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A freshly made secret, shown this once with a copy button; it is gone when the notice closes. */
export function OneTimeSecret({ heading, value, valueLabel, onDone }: { readonly heading: string; readonly value: string; readonly valueLabel: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="panel warning" role="status">
      <p>
        <strong>{heading}</strong> {t('admin.secretOnce')}
      </p>
      <div className="row">
        <input type="text" readOnly value={value} aria-label={valueLabel} className="mono" style={{ flex: 1 }} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          {t('admin.copy')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.done')}
        </button>
      </div>
      {copied === 'yes' && <p className="small">{t('admin.copied')}</p>}
      {copied === 'failed' && <p className="small inline-error">{t('admin.copyFailed')}</p>}
    </div>
  );
}
