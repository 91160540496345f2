import type { DeviceDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { TriState } from '../components/badges.js';
import { SectionFrame } from './section-frame.js';

export function NetworkTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t } = useTranslation();
  const inv = detail.inventory;
  return (
    <SectionFrame title={t('device.tabs.network')} section={inv?.sections.network} updatedAt={inv?.sectionUpdatedAt.network}>
      {(net) => (
        <>
          <div className="table-wrap">
            <table className="data compact">
              <thead>
                <tr>
                  <th>{t('device.interface')}</th>
                  <th>{t('device.kind')}</th>
                  <th>{t('device.up')}</th>
                  <th>IPv4</th>
                  <th>IPv6</th>
                  <th>MAC</th>
                  <th>DHCP</th>
                </tr>
              </thead>
              <tbody>
                {net.interfaces
                  .filter((i) => i.kind !== 'loopback')
                  .map((i) => (
                    <tr key={i.name}>
                      <td>
                        {i.displayName ?? i.name}
                        {i.displayName !== null && i.displayName !== i.name && <div className="small muted mono">{i.name}</div>}
                      </td>
                      <td>{i.kind}</td>
                      <td>
                        <TriState value={i.up} />
                      </td>
                      <td className="mono">{i.ipv4.map((a) => `${a.address}${a.prefixLength != null ? `/${a.prefixLength}` : ''}`).join(', ') || '—'}</td>
                      <td className="mono small">{i.ipv6.map((a) => a.address).join(', ') || '—'}</td>
                      <td className="mono">{i.mac ?? '—'}</td>
                      <td>
                        <TriState value={i.dhcp} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <div className="grid-2" style={{ marginTop: 12 }}>
            <dl className="kv">
              <dt>{t('device.gateways')}</dt>
              <dd className="mono">{net.defaultGateways.map((g) => `${g.address}${g.interface ? ` (${g.interface})` : ''}`).join(', ') || '—'}</dd>
              <dt>{t('device.dnsServers')}</dt>
              <dd className="mono">{net.dns.servers.join(', ') || '—'}</dd>
              <dt>{t('device.searchDomains')}</dt>
              <dd>{net.dns.searchDomains.join(', ') || '—'}</dd>
              <dt>{t('device.proxy')}</dt>
              <dd>{net.proxy === null ? '—' : `${net.proxy.mode}${net.proxy.server ? `: ${net.proxy.server}` : ''}${net.proxy.pacUrl ? `: ${net.proxy.pacUrl}` : ''}`}</dd>
            </dl>
            <dl className="kv">
              {net.wifi.map((w) => (
                <div key={w.interface} style={{ display: 'contents' }}>
                  <dt>Wi-Fi {w.interface}</dt>
                  <dd>
                    {w.ssid ?? '—'} {w.band ?? ''} {w.signalDbm != null ? `${w.signalDbm} dBm` : ''} {w.security ?? ''}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        </>
      )}
    </SectionFrame>
  );
}
