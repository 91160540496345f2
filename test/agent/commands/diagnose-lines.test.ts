import type { Diagnostics } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { diagnoseLines, systemLanguage } from '../../../agent/commands/diagnose-lines.js';

const diagnostics: Diagnostics = {
  collectedAt: '2026-11-28T08:00:00.000Z',
  agentVersion: '0.1.0',
  redactions: 1,
  omitted: ['processes'],
  withheld: ['recent-errors'],
  items: [
    {
      id: 'network',
      status: 'ok',
      durationMs: 40,
      summary: '1 interface(s) up, no default gateway, no server configured',
      data: { interfaces: [{ name: 'eth0', addresses: ['10.0.0.2/24'] }], gateway: null, server: null, proxy: null },
      truncated: null,
    },
    { id: 'recent-errors', status: 'timeout', durationMs: 4500, error: 'did not finish within 4500 ms', summary: null, data: null, truncated: null },
  ],
};

describe('deskside-agent diagnose in the system language', () => {
  it('speaks Chinese when LANG, LC_ALL or the runtime locale says Chinese', () => {
    expect(systemLanguage({ LANG: 'zh_CN.UTF-8' }, 'en-US')).toBe('zh-cn');
    expect(systemLanguage({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'en-US')).toBe('zh-cn');
    expect(systemLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'zh-CN')).toBe('en');
    expect(systemLanguage({ LANG: 'C' }, 'zh-CN')).toBe('zh-cn');
    expect(systemLanguage({}, 'en-GB')).toBe('en');
  });

  it('words every line in Chinese, leaving no English summary behind', () => {
    const lines = diagnoseLines(diagnostics, 'zh-cn');
    expect(lines).toEqual([
      '网络 (network) 40 ms  1 个网络接口已连接，没有默认网关，未配置服务器',
      '最近的错误 (recent-errors) 4500 ms  超时: did not finish within 4500 ms',
      '未发送：进程',
      '已被策略关闭：最近的错误',
      '已移除 1 个疑似机密的值',
    ]);
  });

  it('keeps English for everyone else', () => {
    expect(diagnoseLines(diagnostics, 'en')[0]).toBe('Network (network) 40 ms  1 interface(s) up, no default gateway, no server configured');
  });
});
