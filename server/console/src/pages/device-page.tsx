import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { AssetStatusBadge } from '../components/asset-badges.js';
import { AvBadge, BackupBadge } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { EmptyState, ErrorState, Loading, describeError } from '../components/states.js';
import { TabPanel, Tabs } from '../components/tabs.js';
import { AssetTab } from '../device/asset-tab.js';
import { BackupTab } from '../device/backup-tab.js';
import { EnrollmentNotice } from '../device/enrollment-notice.js';
import { HardwareTab } from '../device/hardware-tab.js';
import { HistoryTab } from '../device/history-tab.js';
import { NetworkTab } from '../device/network-tab.js';
import { OverviewTab } from '../device/overview-tab.js';
import { ProtectionTab } from '../device/protection-tab.js';
import { SoftwareTab } from '../device/software-tab.js';
import { StorageTab } from '../device/storage-tab.js';
import { TicketsTab } from '../device/tickets-tab.js';
import { UsersTab } from '../device/users-tab.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

/** Asks the agent for a full inventory at its next check-in (e.g. after a repair, before reading the history). */
function RequestInventoryButton({ deviceId, requested, onDone }: { readonly deviceId: string; readonly requested: boolean; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  if (requested) return <span className="small muted">{t('device.fullRequested')}</span>;
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          setError(null);
          client.requestInventory(deviceId).then(onDone, (err: unknown) => setError(describeError(err, t)));
        }}
      >
        {t('device.requestInventory')}
      </button>
      {error !== null && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

const TABS = ['overview', 'asset', 'hardware', 'storage', 'software', 'network', 'protection', 'backup', 'users', 'tickets', 'history'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | null): v is TabKey => v !== null && (TABS as readonly string[]).includes(v);

export function DevicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = isTab(tabParam) ? tabParam : 'overview';
  const res = useResource(`device:${id}`, (signal) => client.device(id, signal));

  if (res.state === 'loading') return <Loading />;
  if (res.data === undefined) return <ErrorState error={res.error} onRetry={res.reload} back={{ to: '/devices', label: t('nav.devices') }} />;
  const detail = res.data;
  const d = detail.device;

  const needsInventory = tab !== 'overview' && tab !== 'asset' && tab !== 'tickets' && tab !== 'history' && detail.inventory === null;
  return (
    <>
      <div className="page-head">
        <Link to="/devices">← {t('nav.devices')}</Link>
        <h1>{d.hostname}</h1>
        <span className="small muted">
          {t('devices.antivirus')} <AvBadge state={d.av} />
        </span>
        <span className="small muted">
          {t('devices.backup')} <BackupBadge state={d.backup} />
        </span>
        <span className="small muted">
          {t('devices.lastSeen')} <DateText iso={d.lastSeenAt} relative />
        </span>
        {d.assetStatus !== 'in-use' && <AssetStatusBadge status={d.assetStatus} />}
        <span className="spacer" />
        <RequestInventoryButton deviceId={d.id} requested={detail.fullInventoryRequested} onDone={res.reload} />
        <button type="button" className="btn btn-small" onClick={res.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <EnrollmentNotice device={d} />
      <Tabs
        idPrefix="device"
        label={t('device.sections')}
        tabs={TABS.map((key) => ({ key, label: t(`device.tabs.${key}`) }))}
        active={tab}
        onChange={(key) => setParams(key === 'overview' ? new URLSearchParams() : new URLSearchParams({ tab: key }), { replace: true })}
      />
      <TabPanel idPrefix="device" tabKey={tab}>
        {needsInventory ? (
          <EmptyState>{t('device.noInventory')}</EmptyState>
        ) : (
          (() => {
            switch (tab) {
              case 'overview':
                return <OverviewTab detail={detail} />;
              case 'asset':
                return <AssetTab deviceId={d.id} />;
              case 'hardware':
                return <HardwareTab detail={detail} />;
              case 'storage':
                return <StorageTab detail={detail} />;
              case 'software':
                return <SoftwareTab detail={detail} />;
              case 'network':
                return <NetworkTab detail={detail} />;
              case 'protection':
                return <ProtectionTab detail={detail} />;
              case 'backup':
                return <BackupTab detail={detail} />;
              case 'users':
                return <UsersTab detail={detail} />;
              case 'tickets':
                return <TicketsTab deviceId={d.id} hostname={d.hostname} />;
              case 'history':
                return <HistoryTab deviceId={d.id} />;
            }
          })()
        )}
      </TabPanel>
    </>
  );
}
