import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

import { LANGUAGES, type Language } from '../i18n/languages.js';
import { rememberLanguage } from '../i18n/setup.js';
import { useSession, useTechnician } from '../session/session-context.js';
import { NotificationsBell } from './notifications-bell.js';

export function LanguageSwitch({ className }: { readonly className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <label className={className}>
      <span className="visually-hidden">{t('nav.language')}</span>
      <select
        aria-label={t('nav.language')}
        value={i18n.language}
        onChange={(e) => {
          const lang = e.target.value as Language;
          rememberLanguage(lang);
          void i18n.changeLanguage(lang);
        }}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang}>
            {t(`languages.${lang}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Layout({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const me = useTechnician();
  const { signOut } = useSession();
  const links = [
    { to: '/queue', label: t('nav.queue') },
    { to: '/devices', label: t('nav.devices') },
    { to: '/fleet', label: t('nav.fleet') },
    ...(me.role === 'admin' ? [{ to: '/admin', label: t('nav.admin') }] : []),
  ];
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Deskside</div>
        <nav className="nav" aria-label={t('nav.main')}>
          {links.map((link) => (
            <NavLink key={link.to} to={link.to}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-foot">
          <div className="who" title={me.username}>
            {me.displayName}
            <div className="small muted">{t(`roles.${me.role}`)}</div>
          </div>
          <NotificationsBell />
          <LanguageSwitch />
          <div className="small muted">{t('nav.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</div>
          <button type="button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </aside>
      <main className="main">{children}</main>
    </div>
  );
}
