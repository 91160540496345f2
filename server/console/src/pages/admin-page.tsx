import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { ApiTokensPanel } from '../admin/api-tokens-panel.js';
import { AuditPanel } from '../admin/audit-panel.js';
import { CannedRepliesPanel } from '../admin/canned-replies-panel.js';
import { EnrollSecretsPanel } from '../admin/enroll-secrets-panel.js';
import { FleetRulesPanel } from '../admin/fleet-rules-panel.js';
import { FleetSettingsPanel } from '../admin/fleet-settings-panel.js';
import { GlpiSettingsPanel } from '../admin/glpi-settings-panel.js';
import { HelpdeskSettingsPanel } from '../admin/helpdesk-settings-panel.js';
import { PendingDevicesPanel } from '../admin/pending-devices-panel.js';
import { SignInSettingsPanel } from '../admin/sign-in-settings-panel.js';
import { SlaPoliciesPanel } from '../admin/sla-policies-panel.js';
import { TeamsPanel } from '../admin/teams-panel.js';
import { TechniciansPanel } from '../admin/technicians-panel.js';
import { WebhooksPanel } from '../admin/webhooks-panel.js';
import { TabPanel, Tabs } from '../components/tabs.js';

const TABS = ['technicians', 'teams', 'serviceLevels', 'cannedReplies', 'enrollment', 'pending', 'apiTokens', 'signIn', 'settings', 'webhooks', 'audit'] as const;
type TabKey = (typeof TABS)[number];

export function AdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(raw ?? '') ? (raw as TabKey) : 'technicians';
  return (
    <>
      <div className="page-head">
        <h1>{t('admin.title')}</h1>
      </div>
      <Tabs idPrefix="admin" label={t('admin.title')} tabs={TABS.map((key) => ({ key, label: t(`admin.tabs.${key}`) }))} active={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} />
      <TabPanel idPrefix="admin" tabKey={tab}>
        {(() => {
          switch (tab) {
            case 'technicians':
              return <TechniciansPanel />;
            case 'teams':
              return <TeamsPanel />;
            case 'serviceLevels':
              return <SlaPoliciesPanel />;
            case 'cannedReplies':
              return <CannedRepliesPanel />;
            case 'enrollment':
              return <EnrollSecretsPanel />;
            case 'pending':
              return <PendingDevicesPanel />;
            case 'apiTokens':
              return <ApiTokensPanel />;
            case 'signIn':
              return <SignInSettingsPanel />;
            case 'settings':
              return (
                <>
                  <FleetSettingsPanel />
                  <HelpdeskSettingsPanel />
                  <GlpiSettingsPanel />
                  <FleetRulesPanel />
                </>
              );
            case 'webhooks':
              return <WebhooksPanel />;
            case 'audit':
              return <AuditPanel />;
          }
        })()}
      </TabPanel>
    </>
  );
}
