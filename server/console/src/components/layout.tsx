import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';

import { NotificationsMenu } from '../helpdesk/notifications-menu.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import { rememberLanguage } from '../i18n/setup.js';
import { useSession, useTechnician } from '../session/session-context.js';

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

/**
 * After a page change, focus moves to the new page's content (as a full page load would reset it), so
 * keyboard and screen-reader users start on what they asked for rather than on the body or the old link.
 */
function useFocusOnNavigation(): RefObject<HTMLElement | null> {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    main.current?.focus({ preventScroll: false });
  }, [pathname]);
  return main;
}

export function Layout({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const me = useTechnician();
  const { signOut } = useSession();
  const links = [
    { to: '/queue', label: t('nav.queue') },
    { to: '/devices', label: t('nav.devices') },
    { to: '/kb', label: t('nav.kb') },
    { to: '/fleet', label: t('nav.fleet') },
    { to: '/reports', label: t('nav.reports') },
    ...(me.role === 'admin' ? [{ to: '/admin', label: t('nav.admin') }] : []),
  ];
  const main = useFocusOnNavigation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
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
          <NotificationsMenu />
          <LanguageSwitch />
          <div className="small muted">{t('nav.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</div>
          <button type="button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </aside>
      <main className="main" id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
