import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { HOSTILE_TEXT, TICKET_ID, me, slowPcDiagnostics, ticketDetail } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

function ticketApi(detail = ticketDetail()) {
  let current = detail;
  const api = new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/technicians', { body: { items: [me().technician] } })
    .on('GET', /^\/tickets\/[0-9a-f-]+$/, () => ({ body: current }))
    .on('PATCH', /^\/tickets\/[0-9a-f-]+$/, (req) => {
      const patch = req.body as { status?: typeof current.ticket.status };
      if (patch.status) current = { ...current, ticket: { ...current.ticket, status: patch.status } };
      return { body: current };
    })
    .on('POST', /^\/tickets\/[0-9a-f-]+\/messages$/, () => ({ body: current }));
  return api;
}

describe('ticket page', () => {
  it("keeps the user's words exactly as typed and never renders them as HTML", async () => {
    const { container } = renderConsole(ticketApi(), `/tickets/${TICKET_ID}`);
    const heading = await screen.findByRole('heading', { name: 'What the user wrote' });
    const panel = heading.closest('section');
    expect(panel).not.toBeNull();
    const text = panel!.querySelector('.user-text');
    expect(text?.textContent).toBe(HOSTILE_TEXT);
    // No element was created from the user's markup: no <b>, no stray <img>, no <script>.
    expect(panel!.querySelector('b')).toBeNull();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByText('Cannot print <script>alert(1)</script>')).toBeTruthy();
    // Whitespace is kept by style, not by rewriting the text.
    expect(text?.className).toContain('user-text');
  });

  it('shows contact, the screenshot with zoom, and attachments as downloads', async () => {
    renderConsole(ticketApi(), `/tickets/${TICKET_ID}`);
    expect(await screen.findByText('Grace Hopper')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'grace@example.com' }).getAttribute('href')).toBe('mailto:grace@example.com');
    const thumb = screen.getAllByRole('img', { name: 'Screenshot screen.png' })[0]!;
    expect(thumb.getAttribute('src')).toMatch(/\/attachments\/30000000-0000-4000-8000-000000000001$/);
    expect(screen.queryByRole('button', { name: '200%' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Open screenshot screen.png full size' }));
    const zoomed = screen.getByRole('dialog');
    await userEvent.setup().click(within(zoomed).getByRole('button', { name: '200%' }));
    expect(within(zoomed).getByRole('img').getAttribute('style')).toContain('zoom: 2');
    const file = screen.getByRole('link', { name: 'log.txt' });
    expect(file.hasAttribute('download')).toBe(true);
  });

  it("shows the signed-in account the device's service verified, beside the contact the user typed", async () => {
    renderConsole(ticketApi(ticketDetail({ requesterAccount: { id: 'S-1-5-21-1-2-3-1001', name: 'CONTOSO\\wang.li' } })), `/tickets/${TICKET_ID}`);
    expect(await screen.findByText('Signed-in account')).toBeTruthy();
    expect(screen.getByText('CONTOSO\\wang.li', { exact: false })).toBeTruthy();
    expect(screen.getByText('(S-1-5-21-1-2-3-1001)')).toBeTruthy();
  });

  it('puts the conversation and the reply box before the diagnostics, whose item panels fold away', async () => {
    renderConsole(ticketApi(), `/tickets/${TICKET_ID}`);
    const reply = await screen.findByLabelText('Reply to the user');
    const conversation = screen.getByRole('heading', { name: 'Conversation' });
    const diagnostics = screen.getByRole('heading', { name: 'Diagnostics' });
    const before = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(before(conversation, reply)).toBe(true);
    expect(before(reply, diagnostics)).toBe(true);
    // At a glance stays in sight; the per-item panels sit in a closed disclosure until asked for.
    expect(screen.getByRole('group', { name: 'Problems found' })).toBeTruthy();
    const items = screen.getByRole('heading', { name: 'Disks' }).closest('details');
    expect(items).not.toBeNull();
    expect(items!.open).toBe(false);
    await userEvent.setup().click(within(items!).getByText(/All diagnostic items/));
    expect(items!.open).toBe(true);
  });

  it('highlights the problems in the diagnostics and keeps the raw JSON behind a toggle', async () => {
    renderConsole(ticketApi(), `/tickets/${TICKET_ID}`);
    const problems = await screen.findByRole('group', { name: 'Problems found' });
    expect(within(problems).getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Likely why it is offline',
      'Running out of space',
      'Not protected',
      'Likely why it is slow',
      'Also worth a look',
    ]);
    const lines = within(problems)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toEqual([
      'Network: The default gateway does not answer',
      'Network: DNS names do not resolve',
      'Disks: C:\\ is nearly full (4 % free)',
      'Protection: Antivirus is off: Microsoft Defender disabled',
      'Protection: The backup is stale',
      'Pending restart: A restart is pending WindowsUpdate',
      'Recent errors: Not collected (timed out): event log did not answer in 5 s',
    ]);
    expect(screen.getByText('The user chose not to send: Processes.')).toBeTruthy();
    expect(screen.getByText('2 secret-looking values removed', { exact: false })).toBeTruthy();

    expect(screen.queryByLabelText('Raw diagnostics JSON')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show raw JSON' }));
    const raw = screen.getByLabelText('Raw diagnostics JSON');
    expect(JSON.parse(raw.textContent ?? '')).toEqual(ticketDetail().diagnostics);
  });

  it('sends a public reply and an internal note, keeping the text when sending fails', async () => {
    const api = ticketApi();
    renderConsole(api, `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Reply to the user');
    await user.type(box, 'Please restart the print spooler.');
    await user.selectOptions(screen.getByLabelText('and set status'), 'waiting-on-user');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(api.last('POST', /messages$/)).toBeDefined());
    expect(api.last('POST', /messages$/)?.body).toEqual({ body: 'Please restart the print spooler.', visibility: 'public', status: 'waiting-on-user' });
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Reply to the user').value).toBe(''));

    api.on('POST', /messages$/, { status: 503, body: { error: { code: 'unavailable', message: 'down' } } });
    await user.click(screen.getByRole('radio', { name: 'Internal note' }));
    const note = screen.getByLabelText('Internal note for technicians');
    await user.type(note, 'Driver is old.');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('The server had a problem handling this. Try again shortly.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Internal note for technicians').value).toBe('Driver is old.');
    expect(api.last('POST', /messages$/)?.body).toMatchObject({ visibility: 'internal' });
  });

  it('attaches files to a reply: uploaded when picked, sent with the message, then shown under it', async () => {
    const api = ticketApi();
    const guide = {
      id: '30000000-0000-4000-8000-0000000000a1',
      name: '打印机步骤.pdf',
      type: 'application/pdf' as const,
      size: 4096,
      sha256: 'c'.repeat(64),
      role: 'file' as const,
      downloadUrl: `/api/v1/console/tickets/${TICKET_ID}/attachments/30000000-0000-4000-8000-0000000000a1`,
      messageId: null,
    };
    api.on('POST', /^\/tickets\/[0-9a-f-]+\/attachments$/, { body: { attachments: [guide] } });
    renderConsole(api, `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Reply to the user'), 'The steps are in the PDF.');
    await user.upload(screen.getByLabelText('Attach files'), new File(['%PDF-1.7'], '打印机步骤.pdf', { type: 'application/pdf' }));
    const pending = await screen.findByRole('list', { name: 'Files to send' });
    expect(within(pending).getByText('打印机步骤.pdf')).toBeTruthy();
    expect(screen.getByText('The user can open these files from the tray.')).toBeTruthy();
    // The upload went as multipart with the console's CSRF header, not as JSON.
    const uploadReq = api.last('POST', /attachments$/)!;
    expect(uploadReq.headers['content-type']).toBeUndefined();
    expect(uploadReq.headers['x-deskside-console']).toBe('1');

    const messageId = '40000000-0000-4000-8000-0000000000b1';
    const base = ticketDetail();
    const afterSend = {
      ...base,
      messages: [...base.messages, { id: messageId, visibility: 'public' as const, author: 'technician' as const, authorName: 'Ada', technicianId: null, body: 'The steps are in the PDF.', createdAt: '2026-11-02T10:00:00.000Z' }],
      attachments: [...base.attachments, { ...guide, messageId }],
    };
    let sentYet = false;
    api.on('POST', /^\/tickets\/[0-9a-f-]+\/messages$/, () => {
      sentYet = true;
      return { body: afterSend };
    });
    api.on('GET', /^\/tickets\/[0-9a-f-]+$/, () => (sentYet ? { body: afterSend } : undefined));
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(api.last('POST', /messages$/)?.body).toEqual({ body: 'The steps are in the PDF.', visibility: 'public', attachmentIds: [guide.id] }));
    const sent = await screen.findByRole('list', { name: 'Files sent with this message' });
    expect(within(sent).getByRole('link', { name: '打印机步骤.pdf' }).hasAttribute('download')).toBe(true);
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
    // The requester's own files stay in the attachments panel; the reply's file is not repeated there.
    const panel = screen.getByRole('heading', { name: 'Screenshot and attachments' }).closest('section')!;
    expect(within(panel).queryByText('打印机步骤.pdf')).toBeNull();
  });

  it('changes status, assignee and priority through PATCH', async () => {
    const api = ticketApi();
    renderConsole(api, `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Status'), 'resolved');
    await waitFor(() => expect(api.last('PATCH', /tickets/)?.body).toEqual({ status: 'resolved' }));
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>('Status').value).toBe('resolved'));
    await user.click(screen.getByRole('button', { name: 'Assign to me' }));
    await waitFor(() => expect(api.last('PATCH', /tickets/)?.body).toEqual({ assigneeId: me().technician.id }));
    await user.selectOptions(screen.getByLabelText('Priority'), 'critical');
    await waitFor(() => expect(api.last('PATCH', /tickets/)?.body).toEqual({ priorityOverride: 'critical' }));
  });

  it('shows the activity log in words and links to the device', async () => {
    renderConsole(ticketApi(), `/tickets/${TICKET_ID}`);
    expect(await screen.findByText('changed status from New to Open')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'LAPTOP-ADA' })[0]?.getAttribute('href')).toMatch(/^\/devices\//);
  });

  it('says so when the ticket does not exist', async () => {
    const api = new FakeApi().on('GET', '/me', { body: me() });
    renderConsole(api, `/tickets/${TICKET_ID}`);
    expect(await screen.findByText('It does not exist, or it was deleted.')).toBeTruthy();
  });

  it('says a missing ticket is not found, in Chinese too, with a way back to the queue', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', /^\/tickets\/[0-9a-f-]+$/, { status: 404, body: { error: { code: 'not_found', message: 'ticket not found' } } });
    renderConsole(api, `/tickets/${TICKET_ID}`, 'zh-CN');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('未找到。')).toBeTruthy();
    expect(within(alert).queryByText('出错了。')).toBeNull();
    expect(within(alert).getByRole('link', { name: '← 工单队列' }).getAttribute('href')).toBe('/queue');
  });

  it('reads in Simplified Chinese', async () => {
    renderConsole(ticketApi(), `/tickets/${TICKET_ID}`, 'zh-CN');
    expect(await screen.findByRole('heading', { name: '用户描述' })).toBeTruthy();
    expect(screen.getByText((_, el) => el?.tagName === 'LI' && el.textContent === '网络：默认网关无响应')).toBeTruthy();
    // Summaries and field names are worded in Chinese too, and a collected item is not a green "OK".
    expect(screen.getByText('1 个网络接口已连接，网关 192.168.1.1 不可达（no reply），DNS 无法解析 deskside.corp.example（ENOTFOUND）')).toBeTruthy();
    expect(screen.queryByText(/interface\(s\) up/)).toBeNull();
    expect(screen.getAllByText('已收集')[0]!.className).not.toContain('ok');
    expect(screen.getAllByText('剩余比例').length).toBeGreaterThan(0);
    expect(screen.queryByText('Free percent')).toBeNull();
  });

  it('names why a PC is slow at a glance: memory pressure, a busy process, no restart for weeks, many errors', async () => {
    renderConsole(ticketApi(ticketDetail({ diagnostics: slowPcDiagnostics() })), `/tickets/${TICKET_ID}`);
    const problems = await screen.findByRole('group', { name: 'Problems found' });
    expect(within(problems).getByRole('heading', { name: 'Likely why it is slow' })).toBeTruthy();
    expect(within(problems).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Memory: Memory pressure is high: only 4 % of memory is free for programs',
      'Processes: MsMpEng.exe is using 87 % CPU',
      'Uptime: Not restarted for 38 days',
      'Recent errors: 46 errors logged in 24 h, most from Disk',
    ]);
    expect(screen.getByText("Turned off by the organisation's privacy policy, never collected: Network, Recent errors.")).toBeTruthy();
    // Empty values are blank, never "Unknown" or "Error"; a process id has no thousands separator.
    await userEvent.setup().click(screen.getByText(/All diagnostic items/));
    expect(screen.queryByText('Unknown')).toBeNull();
    expect(screen.getByText('12345')).toBeTruthy();
    expect(screen.queryByText('12,345')).toBeNull();
  });
});
