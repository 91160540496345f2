import {
  IMPACTS,
  TECHNICIAN_CHANNELS,
  TICKET_CATEGORIES,
  URGENCIES,
  type DeviceSummary,
  type Impact,
  type TicketCategory,
  type TicketCreate,
  type Urgency,
} from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { useClient } from '../session/session-context.js';
import { DevicePicker } from './device-picker.js';

type Channel = (typeof TECHNICIAN_CHANNELS)[number];

/**
 * A ticket for a request that came by phone, at the desk or by mail: the technician finds the
 * requester's device (host name, user, IP or serial), records what they were told, and may ask the
 * device for fresh diagnostics. The ticket then shows in that device's tray as the user's own.
 */
export function NewTicketPage() {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const [device, setDevice] = useState<DeviceSummary | null>(null);
  const [channel, setChannel] = useState<Channel>('phone');
  const [account, setAccount] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<TicketCategory>('other');
  const [urgency, setUrgency] = useState<Urgency>('medium');
  const [impact, setImpact] = useState<Impact>('me');
  const [requestDiagnostics, setRequestDiagnostics] = useState(true);
  const [assignToMe, setAssignToMe] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = (d: DeviceSummary) => {
    setDevice(d);
    // The signed-in user is nearly always the caller: prefilled, and the technician can change it.
    setAccount(d.loggedInUser ?? '');
    if (name === '' && d.loggedInUser) setName(d.loggedInUser.slice(d.loggedInUser.lastIndexOf('\\') + 1));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (device === null) {
      setError(t('helpdesk.noDevice'));
      return;
    }
    const body: TicketCreate = {
      channel,
      deviceId: device.id,
      subject: subject.trim(),
      description: description.trim(),
      category,
      urgency,
      impact,
      contact: { name: name.trim() || null, email: email.trim() || null, phone: phone.trim() || null },
      requesterAccount: account.trim() === '' ? null : { id: null, name: account.trim() },
      requestDiagnostics,
      assigneeId: assignToMe ? 'me' : null,
    };
    setBusy(true);
    setError(null);
    try {
      const created = await client.createTicket(body);
      void navigate(`/tickets/${created.id}`);
    } catch (err) {
      setError(t('helpdesk.createFailed', { message: describeError(err, t) }));
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <Link to="/queue">← {t('nav.queue')}</Link>
        <h1>{t('helpdesk.newTicketTitle')}</h1>
      </div>
      <form className="panel" onSubmit={(e) => void submit(e)} aria-label={t('helpdesk.newTicket')}>
        {device === null ? (
          <>
            <DevicePicker onPick={pick} label={t('helpdesk.requesterDevice')} placeholder={t('helpdesk.devicePlaceholder')} />
            <p className="small muted">{t('helpdesk.noDevice')}</p>
          </>
        ) : (
          <p className="row">
            <strong>{t('helpdesk.chosenDevice', { hostname: device.hostname })}</strong>
            {device.loggedInUser !== null && <span className="small muted">{t('helpdesk.chosenDeviceUser', { user: device.loggedInUser })}</span>}
            <button type="button" className="btn" onClick={() => setDevice(null)}>
              {t('helpdesk.changeDevice')}
            </button>
          </p>
        )}
        <div className="filters">
          <Field label={t('helpdesk.channel')}>
            <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {TECHNICIAN_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`helpdesk.channels.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('helpdesk.requesterAccount')}>
            <input value={account} maxLength={256} onChange={(e) => setAccount(e.target.value)} aria-describedby="requester-account-hint" />
          </Field>
          <Field label={t('helpdesk.contactName')}>
            <input value={name} maxLength={256} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t('helpdesk.contactEmail')}>
            <input type="email" value={email} maxLength={256} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label={t('helpdesk.contactPhone')}>
            <input type="tel" value={phone} maxLength={64} onChange={(e) => setPhone(e.target.value)} />
          </Field>
        </div>
        <p id="requester-account-hint" className="small muted">
          {t('helpdesk.requesterAccountHint')}
        </p>
        <Field label={t('helpdesk.subject')}>
          <input value={subject} required maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        </Field>
        <Field label={t('helpdesk.description')}>
          <textarea rows={5} value={description} maxLength={20_000} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <div className="filters">
          <Field label={t('helpdesk.category')}>
            <select value={category} onChange={(e) => setCategory(e.target.value as TicketCategory)}>
              {TICKET_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('helpdesk.urgency')}>
            <select value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)}>
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {t(`urgency.${u}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('helpdesk.impact')}>
            <select value={impact} onChange={(e) => setImpact(e.target.value as Impact)}>
              {IMPACTS.map((i) => (
                <option key={i} value={i}>
                  {t(`impact.${i}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <p>
          <label>
            <input type="checkbox" checked={requestDiagnostics} onChange={(e) => setRequestDiagnostics(e.target.checked)} /> {t('helpdesk.requestDiagnostics')}
          </label>
        </p>
        <p>
          <label>
            <input type="checkbox" checked={assignToMe} onChange={(e) => setAssignToMe(e.target.checked)} /> {t('helpdesk.assignToMe')}
          </label>
        </p>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('helpdesk.creating') : t('helpdesk.create')}
          </button>
          {error !== null && (
            <span className="inline-error" role="alert">
              {error}
            </span>
          )}
        </div>
      </form>
    </>
  );
}
