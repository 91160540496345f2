import type { TrayHealth, UiLanguage } from '@deskside/shared';

/** Strings the main process shows itself (tray menu, tooltip, notifications); the windows use i18next. */
export interface TrayMessages {
  readonly reportProblem: string;
  readonly myTickets: string;
  readonly myTicketsUnread: (n: number) => string;
  readonly myDevice: string;
  readonly syncNow: string;
  readonly settings: string;
  readonly about: string;
  readonly quit: string;
  readonly health: Readonly<Record<TrayHealth, string>>;
  readonly notEnrolled: string;
  readonly proxyRefused: (status: number) => string;
  readonly tooltip: (p: { computer: string; user: string; ip: string; health: string }) => string;
  readonly noAddress: string;
  readonly replyTitle: (n: number) => string;
  readonly statusTitle: (n: number) => string;
  readonly statusNames: Readonly<Record<string, string>>;
}

const en: TrayMessages = {
  reportProblem: 'Report a problem…',
  myTickets: 'My tickets',
  myTicketsUnread: (n) => `My tickets (${n} new ${n === 1 ? 'reply' : 'replies'})`,
  myDevice: 'My device',
  syncNow: 'Sync now',
  settings: 'Settings',
  about: 'About Deskside',
  quit: 'Quit Deskside',
  health: { ok: 'All is well', attention: 'Something needs your attention', offline: 'Cannot reach the IT server' },
  notEnrolled: 'Not connected to IT yet',
  proxyRefused: (status) => (status === 407 ? 'The network proxy asks for a sign-in this computer cannot give: contact IT' : `The network proxy blocks the IT server (HTTP ${status}): contact IT`),
  tooltip: (p) => `Deskside: ${p.health}\nComputer: ${p.computer}\nUser: ${p.user}\nIP: ${p.ip}`,
  noAddress: 'no network address',
  replyTitle: (n) => `IT replied to ticket #${n}`,
  statusTitle: (n) => `Ticket #${n} was updated`,
  statusNames: { new: 'New', open: 'Being worked on', 'waiting-on-user': 'Waiting for your answer', resolved: 'Resolved', closed: 'Closed' },
};

const zhCN: TrayMessages = {
  reportProblem: '报告问题…',
  myTickets: '我的工单',
  myTicketsUnread: (n) => `我的工单（${n} 条新回复）`,
  myDevice: '我的设备',
  syncNow: '立即同步',
  settings: '设置',
  about: '关于 Deskside',
  quit: '退出 Deskside',
  health: { ok: '一切正常', attention: '有事项需要您处理', offline: '无法连接 IT 服务器' },
  notEnrolled: '尚未连接到 IT',
  proxyRefused: (status) => (status === 407 ? '网络代理要求本机无法提供的登录：请联系 IT' : `网络代理阻止了 IT 服务器（HTTP ${status}）：请联系 IT`),
  tooltip: (p) => `Deskside：${p.health}\n计算机：${p.computer}\n用户：${p.user}\nIP：${p.ip}`,
  noAddress: '无网络地址',
  replyTitle: (n) => `IT 回复了工单 #${n}`,
  statusTitle: (n) => `工单 #${n} 已更新`,
  statusNames: { new: '新建', open: '处理中', 'waiting-on-user': '等待您的答复', resolved: '已解决', closed: '已关闭' },
};

export function trayMessages(language: UiLanguage): TrayMessages {
  switch (language) {
    case 'en':
      return en;
    case 'zh-CN':
      return zhCN;
  }
}
