import { CREDENTIAL_FLAP_THRESHOLD, type DeviceSummary } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

/** Pending / rejected enrollment and credential flapping, beside a device's name in lists. */
export function EnrollmentBadges({ device }: { readonly device: Pick<DeviceSummary, 'enrollState' | 'credentialFlaps'> }) {
  const { t } = useTranslation();
  return (
    <>
      {device.enrollState === 'pending' && (
        <span className="badge warn" title={t('enrollment.pendingTitle')}>
          {t('enrollment.pending')}
        </span>
      )}
      {device.enrollState === 'rejected' && (
        <span className="badge bad" title={t('enrollment.rejectedTitle')}>
          {t('enrollment.rejected')}
        </span>
      )}
      {device.credentialFlaps >= CREDENTIAL_FLAP_THRESHOLD && (
        <span className="badge bad" title={t('enrollment.flappingTitle', { n: device.credentialFlaps })}>
          {t('enrollment.flapping')}
        </span>
      )}
    </>
  );
}
