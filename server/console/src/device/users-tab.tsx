import type { DeviceDetail, ProxySettings, UserScopeEntry, UserScopeSectionName } from '@deskside/shared';
import { USER_SCOPE_SECTIONS } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { backupTone } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { EmptyState } from '../components/states.js';

type Section = NonNullable<UserScopeEntry['sections'][UserScopeSectionName]>;

function proxyText(p: ProxySettings, mode: string): string {
  return [mode, p.server, p.pacUrl].filter((v): v is string => v !== null && v !== '').join(': ');
}

/** One user-scope section as a row: its state (or why it could not be read) and what it says. */
function SectionRow({ name, section }: { readonly name: UserScopeSectionName; readonly section: Section }) {
  const { t } = useTranslation();
  const label = t(`device.userScope.sections.${name}`);
  if (section.status !== 'ok' || section.data === null) {
    return (
      <tr>
        <th scope="row">{label}</th>
        <td>
          <span className="badge warn">{t(`sectionStatus.${section.status}`)}</span>
        </td>
        <td className="small user-text" colSpan={2}>
          {section.error}
          {section.missingPermission !== undefined && ` — ${t('device.missingPermission', { permission: section.missingPermission })}`}
        </td>
      </tr>
    );
  }
  if (name === 'proxy') {
    const p = section.data as ProxySettings;
    return (
      <tr>
        <th scope="row">{label}</th>
        <td>{t(`device.userScope.proxyMode.${p.mode}`)}</td>
        <td className="small user-text">{proxyText(p, t(`device.userScope.proxyMode.${p.mode}`))}</td>
        <td>—</td>
      </tr>
    );
  }
  const m = section.data as Extract<Section['data'], { state: string }>;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <span className={`badge ${backupTone(m.state)}`}>{t(`backupState.${m.state}`)}</span>
      </td>
      <td className="small user-text">{m.reason}</td>
      <td>
        <DateText iso={m.lastSuccessAt} />
      </td>
    </tr>
  );
}

/** One signed-in user's own view: their account, how old the report is, each section that applies. */
function UserPanel({ user, index }: { readonly user: UserScopeEntry; readonly index: number }) {
  const { t } = useTranslation();
  const applicable = USER_SCOPE_SECTIONS.flatMap((name) => {
    const s = user.sections[name];
    return s === undefined || s.status === 'unsupported' ? [] : [[name, s] as const];
  });
  const id = `user-scope-${index}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id} className="user-text">
          {user.account.name}
        </h2>
        <span className="small muted">{user.account.id}</span>
        <span className="spacer" />
        <span className="small muted">
          {t('device.userScope.collected')} <DateText iso={user.collectedAt} relative />
        </span>
      </div>
      {applicable.length === 0 ? (
        <p className="muted">{t('device.userScope.nothingApplies')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact">
            <thead>
              <tr>
                <th>{t('device.userScope.section')}</th>
                <th>{t('device.state')}</th>
                <th>{t('device.reason')}</th>
                <th>{t('device.lastSuccess')}</th>
              </tr>
            </thead>
            <tbody>
              {applicable.map(([name, s]) => (
                <SectionRow key={name} name={name} section={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * What each signed-in user's own session reported (proxy, OneDrive, File History, Déjà Dup): the
 * agent service cannot read these for them. Newest report first, each with its age.
 */
export function UsersTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t } = useTranslation();
  const users = detail.inventory?.users ?? [];
  return (
    <>
      <p className="muted">{t('device.userScope.intro')}</p>
      {users.length === 0 ? (
        <EmptyState>{t('device.userScope.none')}</EmptyState>
      ) : (
        users.map((u, i) => <UserPanel key={u.account.id} user={u} index={i} />)
      )}
    </>
  );
}
