import { SSO_ERRORS, SSO_ERROR_PARAM, type SignInOptions, type SsoError } from '@deskside/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { isApiRequestError } from '../api/api-error.js';
import { Field } from '../components/field.js';
import { LanguageSwitch } from '../components/layout.js';
import { describeError } from '../components/states.js';
import { useClient, useSession } from '../session/session-context.js';

/** The reason a single sign-on came back without a session, read once from the address. */
function ssoErrorInAddress(): SsoError | null {
  const value = new URLSearchParams(window.location.search).get(SSO_ERROR_PARAM);
  return (SSO_ERRORS as readonly string[]).includes(value ?? '') ? (value as SsoError) : null;
}

/** Single sign-on returns to the page the technician was on. */
function startUrl(base: string): string {
  const here = window.location.pathname + window.location.search.replace(new RegExp(`[?&]${SSO_ERROR_PARAM}=[^&]*`), '');
  return `${base}?returnTo=${encodeURIComponent(here === '' ? '/' : here)}`;
}

/** Shown in place of any page when there is no session, so signing in returns to the same URL. */
export function SignInPage({ reason, username: knownUsername = '' }: { readonly reason: 'none' | 'expired' | 'signed-out' | 'unreachable'; readonly username?: string }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [username, setUsername] = useState(knownUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const client = useClient();
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [ssoError] = useState(ssoErrorInAddress);
  useEffect(() => {
    const controller = new AbortController();
    client.access.signInOptions(controller.signal).then(setOptions, () => setOptions(null));
    return () => controller.abort();
  }, [client]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setPassword('');
      if (isApiRequestError(err) && err.status === 401) setError(t('signIn.wrong'));
      // Sign-in is throttled per source (429), never locked per account; 423 is an older server's answer.
      else if (isApiRequestError(err) && (err.status === 429 || err.code === 'locked' || err.status === 423)) setError(t('signIn.locked'));
      else setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signIn.title')}</h1>
        {reason === 'expired' && (
          <div className="notice" role="status">
            {t('signIn.expired')}
          </div>
        )}
        {reason === 'signed-out' && (
          <div className="notice" role="status">
            {t('signIn.signedOut')}
          </div>
        )}
        {reason === 'unreachable' && (
          <div className="notice" role="status">
            {t('errors.network')}
          </div>
        )}
        {ssoError !== null && (
          <div className="inline-error" role="alert">
            {t(`signIn.ssoErrors.${ssoError}`)}
          </div>
        )}
        {options?.oidc != null && (
          <>
            <a className="btn btn-primary" href={startUrl(options.oidc.startUrl)}>
              {t('signIn.withProvider', { provider: options.oidc.displayName })}
            </a>
            <p className="small muted">{t('signIn.or')}</p>
          </>
        )}
        <Field label={t('signIn.username')}>
          <input type="text" name="username" autoComplete="username" autoFocus={knownUsername === ''} required value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field label={t('signIn.password')}>
          <input type="password" name="password" autoComplete="current-password" autoFocus={knownUsername !== ''} required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        {error !== null && (
          <div className="inline-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy || username === '' || password === ''}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </div>
  );
}
