import { DIAGNOSTIC_CATALOGS, diagnosticSummary, wordSummary, wordingLanguage, type Diagnostics, type WordingLanguage } from '@deskside/shared';

/**
 * The system language as a CLI sees it: POSIX's LC_ALL, LC_MESSAGES and LANG in that order (as gettext
 * reads them), then the runtime's own locale (Windows sets no LANG).
 */
export function systemLanguage(env: NodeJS.ProcessEnv = process.env, intlLocale: string = Intl.DateTimeFormat().resolvedOptions().locale): WordingLanguage {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '' && v !== 'C' && v !== 'POSIX');
  return wordingLanguage(posix ?? intlLocale);
}

const FOOTER: Readonly<Record<WordingLanguage, { readonly leftOut: string; readonly withheld: string; readonly redacted: (n: number) => string }>> = {
  en: { leftOut: 'left out: ', withheld: 'turned off by policy: ', redacted: (n) => `${n} secret-looking value(s) redacted` },
  'zh-cn': { leftOut: '未发送：', withheld: '已被策略关闭：', redacted: (n) => `已移除 ${n} 个疑似机密的值` },
};

/** `deskside-agent diagnose` as text: one line per item, summaries worded in the reader's language. */
export function diagnoseLines(d: Diagnostics, language: WordingLanguage): string[] {
  const catalog = DIAGNOSTIC_CATALOGS[language];
  const lines = d.items.map((item) => {
    const parts = diagnosticSummary(item);
    const summary = parts.length > 0 ? wordSummary(parts, language) : (item.summary ?? '');
    const line = item.status === 'ok' ? summary : `${catalog.statuses[item.status]}: ${item.error ?? ''}`;
    return `${catalog.items[item.id]} (${item.id}) ${item.durationMs} ms  ${line}${item.truncated ? ` [${item.truncated}]` : ''}`;
  });
  if (d.omitted.length > 0) lines.push(`${FOOTER[language].leftOut}${d.omitted.map((id) => catalog.items[id]).join(catalog.separator)}`);
  if (d.withheld !== undefined && d.withheld.length > 0) lines.push(`${FOOTER[language].withheld}${d.withheld.map((id) => catalog.items[id]).join(catalog.separator)}`);
  lines.push(FOOTER[language].redacted(d.redactions));
  return lines;
}
