import type { ArticleDetail } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { replyInsertion } from '../../console/src/kb/article-insert.js';
import { preferredText } from '../../console/src/kb/article-title.js';

const detail: ArticleDetail = {
  article: {
    id: '2f1c9a3e-2d4f-4b8a-9c1e-7f6a5d4c3b2a',
    texts: [
      { locale: 'en', title: 'Printer offline', body: '## Steps\n\n1. Turn it **off**\n2. See [the guide](https://example.com/guide)' },
      { locale: 'zh-CN', title: '打印机脱机', body: '关闭打印机后重新打开。' },
    ],
    category: 'Printing',
    tags: [],
    visibility: 'everyone',
    status: 'published',
    revision: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'Ada',
    usage: { solved: 0, linkedTickets: 0 },
  },
  sourceTicket: null,
  linkedTickets: [],
  revisions: [],
};

const t = (key: string, o?: Record<string, unknown>) => `${key}|${String(o?.title)}|${String(o?.lng)}`;

describe('inserting an article into a reply', () => {
  it('inserts the text in the ticket language as plain text, links kept readable', () => {
    expect(replyInsertion(detail, 'en-GB', 'text', t)).toBe('Printer offline\n\nSteps\n\n1. Turn it off\n2. See the guide (https://example.com/guide)');
    expect(replyInsertion(detail, 'zh-CN', 'text', t)).toBe('打印机脱机\n\n关闭打印机后重新打开。');
  });

  it('inserts a pointer to the Help page in the language of the version it names', () => {
    expect(replyInsertion(detail, 'zh-CN', 'link', t)).toBe('kb.insertLinkText|打印机脱机|zh-CN');
    expect(replyInsertion(detail, null, 'link', t)).toBe('kb.insertLinkText|Printer offline|en');
  });

  it('prefers the reader\'s language and falls back to the other version', () => {
    expect(preferredText([{ locale: 'en' as const, title: 'A' }], 'zh-CN')?.title).toBe('A');
    expect(preferredText(detail.article.texts, 'zh')?.locale).toBe('zh-CN');
  });
});
