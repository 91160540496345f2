import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseImapUrl, describeMailbox } from '../../src/mail-in/imap-url.js';
import { parseIncomingMail } from '../../src/mail-in/incoming-mail.js';
import { trimQuotedReply } from '../../src/mail-in/quoted-reply.js';
import { ticketNumberInSubject } from '../../src/storage/mail-intake-repo.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'mail');
const parse = async (name: string) => parseIncomingMail(await readFile(join(FIXTURES, name)));

describe('incoming mail corpus', () => {
  it('reads a plain English mail: sender lower-cased, name, subject, text, Message-ID', async () => {
    const mail = await parse('plain-english.eml');
    expect(mail).toMatchObject({ fromAddress: 'alice@example.org', fromName: 'Alice Example', subject: 'Printer on floor 3 jams', messageId: 'plain-1@example.org', automatic: null });
    expect(mail.body).toBe('The printer on floor 3 jams on every second page.\nCould someone look at it?\n\nAlice');
  });

  it.each([
    ['gb2312-base64.eml', '打印机无法连接', '我的电脑连不上三楼的打印机，显示脱机。\n谢谢！', '王伟'],
    ['gbk-quoted-printable.eml', '邮箱无法同步（朱镕）', 'Outlook 一直提示密码错误，朱镕基同名的账号也不行。', null],
    ['gb18030-base64.eml', 'VPN 断开 𠀀', 'VPN 每隔十分钟断开一次。𠀀', null],
    ['utf8-8bit.eml', '无线网络很慢', '会议室的无线网络很慢，视频会议经常卡住。', '张三'],
  ])('decodes Chinese mail %s (encoded-word subject, charset, transfer encoding)', async (file, subject, body, name) => {
    const mail = await parse(file);
    expect(mail.subject).toBe(subject);
    expect(mail.body).toBe(body);
    expect(mail.fromName).toBe(name);
    expect(mail.automatic).toBeNull();
  });

  it('turns an HTML-only mail into text without markup, scripts or styles', async () => {
    const mail = await parse('html-only.eml');
    expect(mail.body).toContain('My laptop screen flickers.');
    expect(mail.body).toContain('this page');
    expect(mail.body).toContain('& advise.');
    expect(mail.body).not.toMatch(/<|alert|color:red/);
  });

  it.each([
    ['auto-submitted.eml', 'auto-submitted: auto-replied'],
    ['precedence-bulk.eml', 'precedence: bulk'],
    ['precedence-list.eml', 'precedence: list'],
    ['precedence-junk.eml', 'precedence: junk'],
    ['x-autoreply.eml', 'x-autoreply'],
    ['x-autorespond.eml', 'x-autorespond'],
    ['list-id.eml', 'list-id'],
  ])('recognises %s as sent by a machine', async (file, reason) => {
    expect((await parse(file)).automatic).toBe(reason);
  });

  it('takes Auto-Submitted: no as a person', async () => {
    expect((await parse('auto-submitted-no.eml')).automatic).toBeNull();
  });

  it('keeps accepted attachments by content, refuses programs, and reads the text part of an alternative', async () => {
    const mail = await parse('attachments.eml');
    expect(mail.body).toBe('Screenshot and log attached.');
    expect(mail.attachments.map((a) => [a.name, a.type, a.content.length])).toEqual([
      ['screen.png', 'image/png', 70],
      ['events.csv', 'text/csv', 23],
    ]);
    expect(mail.skippedAttachments).toEqual([expect.stringMatching(/^fix\.exe \(/)]);
  });
});

describe('quoted replies', () => {
  it.each([
    ['Thanks, that fixed it.\n\nOn Mon, 7 Dec 2026 at 10:00, Helpdesk <help@example.org> wrote:\n> Try restarting.', 'Thanks, that fixed it.'],
    ['Still broken.\n\nOn Mon, 7 Dec 2026 at 10:00, Helpdesk\n<help@example.org> wrote:\n> Try restarting.', 'Still broken.'],
    ['Done.\n\n-----Original Message-----\nFrom: Helpdesk\nSent: Monday\nTry restarting.', 'Done.'],
    ['Done.\n________________________________\nFrom: Helpdesk <help@example.org>\nSent: Monday, 7 December 2026 10:00\nTo: me', 'Done.'],
    ['已经好了，谢谢。\n\n在 2026年12月7日 10:00，Helpdesk 写道：\n> 请重启电脑。', '已经好了，谢谢。'],
    ['还是不行。\n\n发件人: 技术支持\n发送时间: 2026年12月7日 10:00\n收件人: 我', '还是不行。'],
    ['Yes it works\n> earlier text\n> more', 'Yes it works'],
    ['From: my laptop I cannot print.\nIt started today.', 'From: my laptop I cannot print.\nIt started today.'],
    ['> only a quote', '> only a quote'],
  ])('keeps only the new part of %j', (body, expected) => {
    expect(trimQuotedReply(body)).toBe(expected);
  });
});

describe('threading and settings', () => {
  it.each([
    ['Re: [#123] Printer', 123],
    ['答复: 【#45】打印机', 45],
    ['RE: (#7) VPN', 7],
    ['Invoice #123', null],
    ['[#] nothing', null],
  ])('finds the ticket number in %j', (subject, number) => {
    expect(ticketNumberInSubject(subject)).toBe(number);
  });

  it('reads an IMAP URL and never describes its password', () => {
    const s = parseImapUrl('imaps://help%40example.org:p%40ss@mail.example.org/Help%20Desk');
    expect(s).toEqual({ host: 'mail.example.org', port: 993, secure: true, user: 'help@example.org', password: 'p@ss', mailbox: 'Help Desk' });
    expect(describeMailbox(s)).toBe('help@example.org@mail.example.org/Help Desk');
    expect(parseImapUrl('imap://u:p@127.0.0.1:10143').mailbox).toBe('INBOX');
    expect(parseImapUrl('imap://u:p@127.0.0.1:10143').port).toBe(10143);
    expect(() => parseImapUrl('https://u:p@host/INBOX')).toThrow(/imap:\/\/ or imaps:\/\//);
    expect(() => parseImapUrl('imaps://host/INBOX')).toThrow(/no user/);
    expect(() => parseImapUrl('not a url :secret')).not.toThrow(/secret/);
  });
});
