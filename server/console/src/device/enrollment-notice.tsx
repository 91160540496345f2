import { CREDENTIAL_FLAP_THRESHOLD, type DeviceSummary } from '@deskside/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

/** The name of the device a pending one resembles (null when it is gone). */
function useResembledName(id: string | null): string | null | undefined {
  const client = useClient();
  const res = useResource(`device-name:${id ?? 'none'}`, (signal) => (id === null ? Promise.resolve(null) : client.device(id, signal).then((d) => d.device.hostname)));
  if (id === null) return null;
  if (res.state === 'error') return null;
  return res.data;
}

/**
 * Why a technician should look twice at this device: a pending duplicate, a rejected enrollment, or
 * a credential re-issued again and again (two machines fighting over one identity).
 */
export function EnrollmentNotice({ device }: { readonly device: DeviceSummary }) {
  const { t } = useTranslation();
  const resembled = useResembledName(device.enrollState === 'pending' ? device.resemblesDeviceId : null);
  const flapping = device.credentialFlaps >= CREDENTIAL_FLAP_THRESHOLD;
  if (device.enrollState === 'active' && !flapping) return null;
  return (
    <div className="panel warning" role="status">
      {device.enrollState === 'pending' && resembled !== undefined && (
        <p>
          {resembled === null || device.resemblesDeviceId === null ? (
            t('enrollment.pendingNoticeGone')
          ) : (
            <>
              {t('enrollment.pendingNotice', { name: resembled })} <Link to={`/devices/${device.resemblesDeviceId}`}>{resembled}</Link>
            </>
          )}{' '}
          <Link to="/admin?tab=pending">{t('enrollment.reviewPending')}</Link>
        </p>
      )}
      {device.enrollState === 'rejected' && <p>{t('enrollment.rejectedNotice')}</p>}
      {flapping && <p>{t('enrollment.flappingNotice', { n: device.credentialFlaps })}</p>}
    </div>
  );
}
