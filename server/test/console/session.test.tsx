import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { TICKET_ID, me, ticketDetail, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

const unauthorized = { status: 401, body: { error: { code: 'unauthorized', message: 'sign in' } } };

afterEach(cleanup);

describe('session', () => {
  it('shows the sign-in form without a session and the requested page after signing in', async () => {
    const api = new FakeApi()
      .on('GET', '/me', unauthorized)
      .on('POST', '/login', (req) => {
        const body = req.body as { username: string; password: string };
        return body.password === 'correct horse battery' ? { body: me() } : unauthorized;
      })
      .on('GET', '/tickets', { body: ticketPage([ticketSummary(7, { subject: 'VPN drops every hour' })]) });
    renderConsole(api, '/queue?priority=high');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('User name'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'wrong password!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'User name or password is not right.');
    // A failed sign-in clears the password only.
    expect(screen.getByLabelText<HTMLInputElement>('User name').value).toBe('ada');
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('');

    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('VPN drops every hour')).toBeTruthy();
    // The route and its filter survived the sign-in.
    expect(api.last('GET', '/tickets')?.query.get('priority')).toBe('high');
    expect(api.last('POST', '/login')?.headers['x-deskside-console']).toBe('1');
  });

  it('returns to the sign-in form with a notice when the session expires mid-work, then resumes', async () => {
    let expired = false;
    const api = new FakeApi()
      .on('GET', '/me', () => (expired ? unauthorized : { body: me() }))
      .on('POST', '/login', () => {
        expired = false;
        return { body: me() };
      })
      .on('GET', '/tickets', () => (expired ? unauthorized : { body: ticketPage([ticketSummary(1)]) }));
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    expect(await screen.findByText('Printer jams on floor 1')).toBeTruthy();

    expired = true;
    await user.keyboard('r');
    expect(await screen.findByText(/Your session has ended/)).toBeTruthy();

    expect(screen.getByLabelText<HTMLInputElement>('User name').value).toBe('ada');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Printer jams on floor 1')).toBeTruthy();
  });

  it('keeps what the technician was typing when the session ends, and saves it after signing in again', async () => {
    let expired = false;
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('POST', '/login', () => {
        expired = false;
        return { body: me() };
      })
      .on('GET', /^\/tickets\/[0-9a-f-]+$/, () => (expired ? unauthorized : { body: ticketDetail() }))
      .on('PATCH', /^\/tickets\/[0-9a-f-]+$/, () => (expired ? unauthorized : { body: ticketDetail() }))
      .on('POST', /messages$/, () => (expired ? unauthorized : { body: ticketDetail() }));
    renderConsole(api, `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Reply to the user'), 'Half-written answer');
    expired = true;
    await user.selectOptions(screen.getByLabelText('Status'), 'open');
    expect(await screen.findByText(/Your session has ended/)).toBeTruthy();
    // The known user name is filled in; only the password is asked for.
    expect(screen.getByLabelText<HTMLInputElement>('User name').value).toBe('ada');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.queryByText(/Your session has ended/)).toBeNull());
    expect(screen.getByLabelText<HTMLTextAreaElement>('Reply to the user').value).toBe('Half-written answer');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(api.last('POST', /messages$/)?.body).toMatchObject({ body: 'Half-written answer' }));
  });

  it('signs out through the API and shows the form', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('POST', '/logout', { body: { ok: true } })
      .on('GET', '/tickets', { body: ticketPage([]) });
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getByText('You are signed out.')).toBeTruthy());
    expect(api.last('POST', '/logout')).toBeDefined();
  });

  it('hides the admin area from technicians', async () => {
    const api = new FakeApi().on('GET', '/me', { body: me('technician') }).on('GET', '/tickets', { body: ticketPage([]) });
    renderConsole(api, '/admin');
    expect(await screen.findByText('There is no page here.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
  });
});
