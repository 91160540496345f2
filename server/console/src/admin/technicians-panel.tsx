import { ROLES, type Role, type Technician } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient, useTechnician } from '../session/session-context.js';

function CreateTechnician({ onCreated }: { readonly onCreated: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('technician');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await client.createTechnician({ username: username.trim().toLowerCase(), displayName: displayName.trim(), password, role });
      setUsername('');
      setDisplayName('');
      setPassword('');
      onCreated();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="filters" onSubmit={(e) => void submit(e)} aria-label={t('admin.addTechnician')}>
      <Field label={t('admin.username')}>
        <input type="text" required value={username} pattern="[a-z0-9][a-z0-9._@\-]{1,63}" onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
      </Field>
      <Field label={t('admin.displayName')}>
        <input type="text" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </Field>
      <Field label={t('admin.initialPassword')}>
        <input type="password" required minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      </Field>
      <Field label={t('admin.role')}>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('admin.addTechnician')}
      </button>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

/** An admin sets a new password for someone who forgot theirs; the server ends that person's sessions. */
function SetPassword({ tech }: { readonly tech: Technician }) {
  const { t } = useTranslation();
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const message =
    result === null ? null : (
      <span className={result.ok ? 'small' : 'inline-error'} role={result.ok ? 'status' : 'alert'}>
        {result.text}
      </span>
    );
  if (!open) {
    return (
      <>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setResult(null);
            setOpen(true);
          }}
        >
          {t('admin.setPassword')}
        </button>
        {message}
      </>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await client.updateTechnician(tech.id, { password });
      setPassword('');
      setOpen(false);
      setResult({ ok: true, text: t('admin.passwordSet') });
    } catch (err) {
      setResult({ ok: false, text: describeError(err, t) });
    }
  };
  return (
    <form className="row" onSubmit={(e) => void submit(e)}>
      <input
        type="password"
        aria-label={t('admin.newPasswordFor', { name: tech.displayName })}
        autoComplete="new-password"
        minLength={12}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="btn btn-small btn-primary">
        {t('common.save')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      {message}
    </form>
  );
}

function TechnicianRow({ tech, onChanged }: { readonly tech: Technician; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const me = useTechnician();
  const [error, setError] = useState<string | null>(null);
  const self = tech.id === me.id;
  const update = async (patch: Parameters<typeof client.updateTechnician>[1]) => {
    setError(null);
    try {
      await client.updateTechnician(tech.id, patch);
      onChanged();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <tr>
      <td>
        {tech.displayName} <span className="muted small mono">{tech.username}</span>
        {error !== null && (
          <div className="inline-error" role="alert">
            {error}
          </div>
        )}
      </td>
      <td>
        <select aria-label={t('admin.roleOf', { name: tech.displayName })} value={tech.role} disabled={self} onChange={(e) => void update({ role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{tech.disabled ? <span className="badge bad">{t('admin.disabled')}</span> : <span className="badge ok">{t('admin.active')}</span>}</td>
      <td>
        <DateText iso={tech.lastLoginAt} relative />
      </td>
      <td>
        <div className="row">
          <SetPassword tech={tech} />
          {!self && (
            <button type="button" className={`btn btn-small ${tech.disabled ? '' : 'btn-danger'}`} onClick={() => void update({ disabled: !tech.disabled })}>
              {tech.disabled ? t('admin.enable') : t('admin.disable')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

export function TechniciansPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('technicians', (signal) => client.technicians(signal));
  return (
    <section className="panel" aria-labelledby="admin-techs">
      <h2 id="admin-techs">{t('admin.technicians')}</h2>
      <CreateTechnician onCreated={res.reload} />
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && (
        <table className="data compact" aria-label={t('admin.technicians')}>
          <thead>
            <tr>
              <th>{t('admin.name')}</th>
              <th>{t('admin.role')}</th>
              <th>{t('admin.state')}</th>
              <th>{t('admin.lastLogin')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((tech) => (
              <TechnicianRow key={tech.id} tech={tech} onChanged={res.reload} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
