import type { DiagnosticsRun, TicketDraft } from '@deskside/shared';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';


import { installFakeBridge } from './fake-bridge';
import { context, info, settings, status } from './fixtures';
import { renderApp } from './render-app';

const run: DiagnosticsRun = {
  runId: 'run-1',
  collectedAt: '2026-11-29T08:10:00.000Z',
  redactions: 2,
  items: [
    { id: 'network', status: 'ok', durationMs: 10, summary: 'Gateway reachable', data: { gateway: '10.0.0.1' }, truncated: null },
    { id: 'processes', status: 'ok', durationMs: 10, summary: '212 processes', data: { top: ['Teams.exe'] }, truncated: null },
    { id: 'recent-errors', status: 'timeout', durationMs: 5000, error: 'took too long', summary: null, data: null, truncated: null },
  ],
};

function bridge(overrides: Parameters<typeof installFakeBridge>[0] = {}) {
  return installFakeBridge({
    'app:get-info': () => info,
    'status:get': () => status,
    'settings:get': () => settings,
    'report:prepare': () => context,
    'report:gather-diagnostics': () => run,
    'report:preview': (draft) => ({ submission: { ...(draft as TicketDraft), attachments: [], diagnostics: null, createdAt: '2026-11-29T08:11:00.000Z' } as never, attachments: [], totalBytes: 0 }),
    'report:submit': () => ({ outcome: 'sent', ticketId: 'b4c1b0a2-8a9f-4f0e-9d7c-1e2f3a4b5c6d', number: 42 }),
    ...overrides,
  });
}

afterEach(() => cleanup());

describe('Report a problem', () => {
  it('asks for a subject before going on, and prefills the contact', async () => {
    const b = bridge();
    await renderApp('#/report');
    const user = userEvent.setup();
    expect(await screen.findByLabelText('Name')).toHaveProperty('value', 'Alice Martin');
    expect(screen.getByLabelText('Email')).toHaveProperty('value', 'alice@example.org');
    expect(screen.getByText('Screenshots are turned off by your organisation.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Review before sending' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Please fill in the subject.');
    expect(screen.getByLabelText('Subject').getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the field that needs filling, wherever it sits on the form.
    expect(document.activeElement).toBe(screen.getByLabelText('Subject'));
    expect(b.calls('report:gather-diagnostics')).toHaveLength(0);
  });

  it('gathers checks with progress, lets the user untick items, and sends only what is kept', async () => {
    const b = bridge();
    await renderApp('#/report');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Subject'), 'Teams freezes');
    await user.type(screen.getByLabelText('What happened?'), '开会时 Teams 卡住了');
    await user.selectOptions(screen.getByLabelText('Category'), 'software');
    await user.selectOptions(screen.getByLabelText('How urgent is it?'), 'critical');
    await user.click(screen.getByLabelText('Many people or everyone'));
    await user.click(screen.getByRole('button', { name: 'Review before sending' }));

    await screen.findByRole('heading', { name: 'Review what is sent' });
    expect(screen.getByText('2 values that looked like passwords or keys were removed.')).toBeTruthy();
    expect(screen.getByText('took too long')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Send Running programs/ }));
    const showButtons = screen.getAllByRole('button', { name: 'Show what is sent' });
    await user.click(showButtons[0]!);
    expect(screen.getByText(/"gateway": "10.0.0.1"/)).toBeTruthy();

    await waitFor(() => expect(b.calls('report:preview').length).toBeGreaterThan(1));
    await user.click(screen.getByRole('button', { name: 'Send to IT' }));
    expect(await screen.findByText('Sent. Your ticket number is #42.')).toBeTruthy();
    const [draft] = b.calls('report:submit')[0] as [TicketDraft];
    expect(draft).toMatchObject({
      subject: 'Teams freezes',
      description: '开会时 Teams 卡住了',
      category: 'software',
      urgency: 'critical',
      impact: 'organisation',
      contact: { name: 'Alice Martin', email: 'alice@example.org', phone: null },
      attachments: [],
      diagnostics: { runId: 'run-1', keep: ['network', 'recent-errors'] },
      locale: 'en',
    });
  });

  it('words the checks in the language of the tray, not the English the agent wrote', async () => {
    bridge({
      'report:gather-diagnostics': () => ({
        ...run,
        items: [{ id: 'network', status: 'ok', durationMs: 10, summary: '1 interface(s) up, no default gateway, no server configured', data: { interfaces: [{ name: 'eth0', addresses: ['10.0.0.2/24'] }], gateway: null, server: null, proxy: null }, truncated: null }],
      }),
    });
    await renderApp('#/report', 'zh-CN');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('主题'), '网络断了');
    await user.click(screen.getByRole('button', { name: '发送前检查' }));
    await screen.findByRole('heading', { name: '检查将要发送的内容' });
    expect(screen.getByText('1 个网络接口已连接，没有默认网关，未配置服务器')).toBeTruthy();
    expect(screen.queryByText(/interface\(s\) up/)).toBeNull();
  });

  it('says the ticket is saved for later when the agent could not deliver it', async () => {
    bridge({ 'report:submit': () => ({ outcome: 'queued', ticketId: 'b4c1b0a2-8a9f-4f0e-9d7c-1e2f3a4b5c6d' }) });
    await renderApp('#/report');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Subject'), 'VPN');
    await user.click(screen.getByRole('button', { name: 'Review before sending' }));
    await user.click(await screen.findByRole('button', { name: 'Send to IT' }));
    expect(await screen.findByText('Saved. It will be sent when the connection is back.')).toBeTruthy();
  });

  it('blacks out an area of a screenshot with the keyboard alone', async () => {
    bridge({
      'report:prepare': () => ({
        ...context,
        screenshotsAllowed: true,
        screenshots: [{ id: 'display-1', displayName: 'Display 1', width: 1000, height: 500, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
      }),
    });
    await renderApp('#/report');
    const user = userEvent.setup();
    const shot = await screen.findByRole('group', { name: /Screenshot of Display 1\. Arrow keys place a box/ });
    shot.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{Shift>}{ArrowDown}{/Shift}');
    expect(screen.getByTestId('keyboard-box')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('1 area blacked out')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo last blacked-out area' }));
    expect(screen.queryByText('1 area blacked out')).toBeNull();
  });

  it('says plainly when the server refused the ticket', async () => {
    bridge({ 'report:submit': () => ({ outcome: 'refused', ticketId: 'b4c1b0a2-8a9f-4f0e-9d7c-1e2f3a4b5c6d', message: 'the ticket is not valid' }) });
    await renderApp('#/report');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Subject'), 'VPN');
    await user.click(screen.getByRole('button', { name: 'Review before sending' }));
    await user.click(await screen.findByRole('button', { name: 'Send to IT' }));
    expect(await screen.findByText('The IT server did not accept this ticket (the ticket is not valid). It is kept on this computer; please call IT.')).toBeTruthy();
  });

  it('still lets the user send when the checks could not be gathered', async () => {
    const b = bridge({
      'report:gather-diagnostics': () => {
        throw new Error('deskside-ipc:internal:boom');
      },
    });
    await renderApp('#/report');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Subject'), 'No checks');
    await user.click(screen.getByRole('button', { name: 'Review before sending' }));
    expect(await screen.findByText(/The computer checks could not be gathered/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send to IT' }));
    await screen.findByText('Sent. Your ticket number is #42.');
    expect((b.calls('report:submit')[0] as [TicketDraft])[0].diagnostics).toBeNull();
  });
});
