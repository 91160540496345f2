import type { FindingCause } from './diagnostic-findings.js';
import type { SummaryCode, SummaryPart } from './diagnostic-summary.js';
import type { DiagnosticItemId } from './diagnostics.js';

/**
 * Diagnostic summaries and findings worded in the reader's language: one catalog for the console, the
 * tray's review step and the CLI, so the three never disagree. Codes we do not know (a newer agent)
 * fall back to the English the message carried.
 */

export const WORDING_LANGUAGES = ['en', 'zh-cn'] as const;
export type WordingLanguage = (typeof WORDING_LANGUAGES)[number];

/** "zh", "zh-CN", "zh_CN.UTF-8", "zh-Hans-CN" → zh-cn; anything else → en. */
export function wordingLanguage(tag: string | null | undefined): WordingLanguage {
  return /^zh([-_.]|$)/i.test(tag ?? '') ? 'zh-cn' : 'en';
}

/** Finding codes the diagnostics module raises (protection findings are worded by their own catalog). */
export const DIAGNOSTIC_FINDING_CODES = [
  'disk-nearly-full',
  'disk-low',
  'gateway-failing',
  'dns-failing',
  'server-unreachable',
  'pending-reboot',
  'item-not-collected',
  'protection-issue',
  'no-gateway',
  'tls-failing',
  'memory-pressure-high',
  'memory-pressure-elevated',
  'process-cpu-high',
  'uptime-long',
  'recent-errors-many',
  'digest-av-none',
  'digest-av-off',
  'digest-av-signatures-old',
  'digest-firewall-off',
  'digest-encryption-off',
  'digest-reboot-pending',
  'digest-backup-stale',
  'digest-backup-failing',
  'digest-backup-not-configured',
] as const;
export type DiagnosticFindingCode = (typeof DIAGNOSTIC_FINDING_CODES)[number];

/** Field names in diagnostic data the console spells out; others are spelled from the name itself. */
export const DIAGNOSTIC_FIELDS = ['totalBytes', 'availableBytes', 'usedBytes', 'swapTotalBytes', 'swapUsedBytes', 'pressure', 'count', 'byCpu', 'byMemory', 'name', 'pid', 'cpuPercent', 'memoryBytes', 'user', 'uptimeSeconds', 'bootTime', 'pending', 'reasons', 'packages', 'interfaces', 'addresses', 'gateway', 'iface', 'reach', 'probed', 'ok', 'ms', 'error', 'server', 'host', 'port', 'dns', 'dnsServers', 'tcp', 'tls', 'via', 'certificateTrusted', 'certificateError', 'proxy', 'volumes', 'mount', 'filesystem', 'sizeBytes', 'freeBytes', 'freePercent', 'windowHours', 'total', 'capped', 'topSources', 'source', 'events', 'time', 'level', 'message', 'provider', 'os', 'model', 'collectedAt', 'uploadedAt', 'virtualMachine', 'account', 'ageMinutes', 'sections', 'section', 'severity', 'code', 'text', 'params', 'status', 'headline'] as const;
export type DiagnosticField = (typeof DIAGNOSTIC_FIELDS)[number];

export interface DiagnosticCatalog {
  readonly summary: Readonly<Record<SummaryCode, string>>;
  readonly findings: Readonly<Record<DiagnosticFindingCode, string>>;
  readonly causes: Readonly<Record<FindingCause, string>>;
  readonly items: Readonly<Record<DiagnosticItemId, string>>;
  readonly statuses: Readonly<Record<'ok' | 'error' | 'unsupported' | 'permission-denied' | 'timeout', string>>;
  readonly fields: Readonly<Record<DiagnosticField, string>>;
  /** Between the parts of one summary line. */
  readonly separator: string;
}

const EN: DiagnosticCatalog = {
  summary: {
    'net-interfaces-up': '{{count}} interface(s) up',
    'net-no-interface': 'no network interface up',
    'net-gateway-reachable': 'gateway {{gateway}} reachable {{ms}} ms',
    'net-gateway-not-probed': 'gateway {{gateway}} not probed',
    'net-gateway-unreachable': 'gateway {{gateway}} not reachable ({{error}})',
    'net-no-gateway': 'no default gateway',
    'net-dns-servers': 'DNS servers {{servers}}',
    'net-dns-failed': 'DNS cannot resolve {{host}} ({{error}})',
    'net-server-unreachable': 'server {{host}} not reachable ({{error}})',
    'net-server-reachable': 'server {{host}} reachable {{ms}} ms',
    'net-server-tls-failed': 'server {{host}} reachable {{ms}} ms, TLS failed ({{error}})',
    'net-server-certificate-untrusted': 'server {{host}} reachable {{ms}} ms, certificate not trusted ({{error}})',
    'net-no-server': 'no server configured',
    'net-proxy': 'proxy {{proxy}}',
    'net-server-via': 'checked through proxy {{proxy}}',
    'disks-none': 'No volumes found',
    'disks-low': 'Low space on {{mount}} ({{freeGiB}} GiB, {{freePercent}} % free)',
    'disks-all-ok': 'All {{count}} volume(s) have at least 10 % free',
    'memory-available': '{{availableGiB}} of {{totalGiB}} GiB available, swap {{swapGiB}} GiB used',
    'memory-pressure-normal': 'pressure normal',
    'memory-pressure-elevated': 'pressure elevated',
    'memory-pressure-high': 'pressure high',
    'processes-count': '{{count}} processes',
    'processes-busiest': 'busiest {{name}} {{cpu}} % CPU',
    'processes-largest': 'largest {{name}} {{mib}} MiB',
    'uptime-days': 'Up {{days}} d {{hours}} h',
    'uptime-hours': 'Up {{hours}} h {{minutes}} min',
    'uptime-minutes': 'Up {{minutes}} min',
    'reboot-pending': 'Restart pending',
    'reboot-pending-for': 'Restart pending ({{what}})',
    'reboot-not-pending': 'No restart pending',
    'errors-none': 'No errors logged in the last {{hours}} h',
    'errors-count': '{{count}} errors in the last {{hours}} h',
    'errors-top-sources': 'most from {{sources}}',
    'protection-counts': '{{problems}} problem(s), {{warnings}} warning(s), {{unknown}} unknown',
    'protection-all-ok': 'all ok',
  },
  findings: {
    'disk-nearly-full': '{{mount}} is nearly full ({{free}} % free)',
    'disk-low': '{{mount}} is getting full ({{free}} % free)',
    'gateway-failing': 'The default gateway does not answer',
    'dns-failing': 'DNS names do not resolve',
    'server-unreachable': 'The Deskside server was not reachable from the device',
    'pending-reboot': 'A restart is pending {{reasons}}',
    'item-not-collected': 'Not collected ({{status}}): {{error}}',
    'protection-issue': 'Protection problem',
    'no-gateway': 'There is no default gateway: the device is not on a network',
    'tls-failing': 'The Deskside server answered but the TLS handshake failed',
    'memory-pressure-high': 'Memory pressure is high: only {{availablePercent}} % of memory is free for programs',
    'memory-pressure-elevated': 'Memory is getting tight: {{availablePercent}} % free for programs',
    'process-cpu-high': '{{name}} is using {{cpu}} % CPU',
    'uptime-long': 'Not restarted for {{days}} days',
    'recent-errors-many': '{{count}} errors logged in {{hours}} h, most from {{source}}',
    'digest-av-none': 'Antivirus: none found',
    'digest-av-off': 'Antivirus is off: {{headline}}',
    'digest-av-signatures-old': 'Antivirus signatures are out of date: {{headline}}',
    'digest-firewall-off': 'The firewall is off',
    'digest-encryption-off': 'The system volume is not encrypted',
    'digest-reboot-pending': 'Updates are waiting for a restart',
    'digest-backup-stale': 'The backup is stale',
    'digest-backup-failing': 'The backup is failing',
    'digest-backup-not-configured': 'No backup is configured',
  },
  causes: {
    slow: 'Likely why it is slow',
    offline: 'Likely why it is offline',
    full: 'Running out of space',
    unprotected: 'Not protected',
    other: 'Also worth a look',
  },
  items: {
    network: 'Network',
    disks: 'Disks',
    memory: 'Memory',
    processes: 'Processes',
    uptime: 'Uptime',
    'pending-reboot': 'Pending restart',
    'recent-errors': 'Recent errors',
    'inventory-summary': 'Inventory summary',
    'protection-summary': 'Protection',
    'user-scope': "The user's own settings",
  },
  statuses: { ok: 'collected', error: 'failed', unsupported: 'not available on this system', 'permission-denied': 'permission denied', timeout: 'timed out' },
  fields: {
    totalBytes: 'Total',
    availableBytes: 'Available',
    usedBytes: 'In use',
    swapTotalBytes: 'Swap total',
    swapUsedBytes: 'Swap used',
    pressure: 'Pressure',
    count: 'Count',
    byCpu: 'Busiest by CPU',
    byMemory: 'Largest by memory',
    name: 'Name',
    pid: 'Process ID',
    cpuPercent: 'CPU',
    memoryBytes: 'Memory',
    user: 'User',
    uptimeSeconds: 'Running for',
    bootTime: 'Started',
    pending: 'Restart pending',
    reasons: 'Reasons',
    packages: 'Packages',
    interfaces: 'Interfaces',
    addresses: 'Addresses',
    gateway: 'Gateway',
    iface: 'Interface',
    reach: 'Reachability',
    probed: 'Probed',
    ok: 'Succeeded',
    ms: 'Time',
    error: 'Error',
    server: 'Server',
    host: 'Host',
    port: 'Port',
    dns: 'DNS lookup',
    dnsServers: 'DNS servers',
    tcp: 'TCP connection',
    tls: 'TLS handshake',
    via: 'Via',
    certificateTrusted: 'Certificate trusted',
    certificateError: 'Certificate problem',
    proxy: 'Proxy',
    volumes: 'Volumes',
    mount: 'Mount point',
    filesystem: 'File system',
    sizeBytes: 'Size',
    freeBytes: 'Free',
    freePercent: 'Free',
    windowHours: 'Window (hours)',
    total: 'Total',
    capped: 'Cut short',
    topSources: 'Top sources',
    source: 'Source',
    events: 'Events',
    time: 'Time',
    level: 'Level',
    message: 'Message',
    provider: 'Provider',
    os: 'Operating system',
    model: 'Model',
    collectedAt: 'Collected',
    uploadedAt: 'Uploaded',
    virtualMachine: 'Virtual machine',
    account: 'Account',
    ageMinutes: 'Age (minutes)',
    sections: 'Sections',
    section: 'Section',
    severity: 'Severity',
    code: 'Code',
    text: 'Text',
    params: 'Details',
    status: 'Status',
    headline: 'Headline',
  },
  separator: ', ',
};

const ZH_CN: DiagnosticCatalog = {
  summary: {
    'net-interfaces-up': '{{count}} 个网络接口已连接',
    'net-no-interface': '没有已连接的网络接口',
    'net-gateway-reachable': '网关 {{gateway}} 可达，{{ms}} 毫秒',
    'net-gateway-not-probed': '网关 {{gateway}} 未探测',
    'net-gateway-unreachable': '网关 {{gateway}} 不可达（{{error}}）',
    'net-no-gateway': '没有默认网关',
    'net-dns-servers': 'DNS 服务器 {{servers}}',
    'net-dns-failed': 'DNS 无法解析 {{host}}（{{error}}）',
    'net-server-unreachable': '服务器 {{host}} 不可达（{{error}}）',
    'net-server-reachable': '服务器 {{host}} 可达，{{ms}} 毫秒',
    'net-server-tls-failed': '服务器 {{host}} 可达，{{ms}} 毫秒，TLS 失败（{{error}}）',
    'net-server-certificate-untrusted': '服务器 {{host}} 可达，{{ms}} 毫秒，证书不受信任（{{error}}）',
    'net-no-server': '未配置服务器',
    'net-proxy': '代理 {{proxy}}',
    'net-server-via': '经代理 {{proxy}} 检查',
    'disks-none': '未发现磁盘卷',
    'disks-low': '{{mount}} 空间不足（剩余 {{freeGiB}} GiB，{{freePercent}}%）',
    'disks-all-ok': '全部 {{count}} 个卷的剩余空间都不低于 10%',
    'memory-available': '可用内存 {{availableGiB}} GiB / 共 {{totalGiB}} GiB，已用交换空间 {{swapGiB}} GiB',
    'memory-pressure-normal': '内存压力正常',
    'memory-pressure-elevated': '内存压力偏高',
    'memory-pressure-high': '内存压力很高',
    'processes-count': '{{count}} 个进程',
    'processes-busiest': 'CPU 占用最高：{{name}} {{cpu}}%',
    'processes-largest': '内存占用最多：{{name}} {{mib}} MiB',
    'uptime-days': '已运行 {{days}} 天 {{hours}} 小时',
    'uptime-hours': '已运行 {{hours}} 小时 {{minutes}} 分钟',
    'uptime-minutes': '已运行 {{minutes}} 分钟',
    'reboot-pending': '等待重启',
    'reboot-pending-for': '等待重启（{{what}}）',
    'reboot-not-pending': '无需重启',
    'errors-none': '最近 {{hours}} 小时没有错误日志',
    'errors-count': '最近 {{hours}} 小时有 {{count}} 条错误',
    'errors-top-sources': '主要来自 {{sources}}',
    'protection-counts': '{{problems}} 个问题，{{warnings}} 个警告，{{unknown}} 项未知',
    'protection-all-ok': '全部正常',
  },
  findings: {
    'disk-nearly-full': '{{mount}} 空间即将用尽（剩余 {{free}}%）',
    'disk-low': '{{mount}} 空间不足（剩余 {{free}}%）',
    'gateway-failing': '默认网关无响应',
    'dns-failing': 'DNS 无法解析域名',
    'server-unreachable': '设备无法连接 Deskside 服务器',
    'pending-reboot': '有待完成的重启 {{reasons}}',
    'item-not-collected': '未能收集（{{status}}）：{{error}}',
    'protection-issue': '安全防护问题',
    'no-gateway': '没有默认网关：设备未连接网络',
    'tls-failing': 'Deskside 服务器有响应，但 TLS 握手失败',
    'memory-pressure-high': '内存压力很高：程序可用的内存只剩 {{availablePercent}}%',
    'memory-pressure-elevated': '内存偏紧：程序可用的内存剩 {{availablePercent}}%',
    'process-cpu-high': '{{name}} 占用 {{cpu}}% CPU',
    'uptime-long': '已有 {{days}} 天未重启',
    'recent-errors-many': '{{hours}} 小时内记录了 {{count}} 条错误，主要来自 {{source}}',
    'digest-av-none': '杀毒软件：未发现',
    'digest-av-off': '杀毒软件已关闭：{{headline}}',
    'digest-av-signatures-old': '杀毒软件病毒库已过期：{{headline}}',
    'digest-firewall-off': '防火墙已关闭',
    'digest-encryption-off': '系统卷未加密',
    'digest-reboot-pending': '更新正在等待重启',
    'digest-backup-stale': '备份过久未进行',
    'digest-backup-failing': '备份失败',
    'digest-backup-not-configured': '未配置备份',
  },
  causes: {
    slow: '可能导致运行缓慢的原因',
    offline: '可能导致无法联网的原因',
    full: '空间即将用尽',
    unprotected: '未受保护',
    other: '其他值得关注的情况',
  },
  items: {
    network: '网络',
    disks: '磁盘',
    memory: '内存',
    processes: '进程',
    uptime: '运行时间',
    'pending-reboot': '待重启',
    'recent-errors': '最近的错误',
    'inventory-summary': '资产清单摘要',
    'protection-summary': '安全防护',
    'user-scope': '用户自己的设置',
  },
  statuses: { ok: '已收集', error: '失败', unsupported: '此系统不支持', 'permission-denied': '权限不足', timeout: '超时' },
  fields: {
    totalBytes: '总量',
    availableBytes: '可用',
    usedBytes: '已用',
    swapTotalBytes: '交换空间总量',
    swapUsedBytes: '已用交换空间',
    pressure: '内存压力',
    count: '数量',
    byCpu: 'CPU 占用最高',
    byMemory: '内存占用最多',
    name: '名称',
    pid: '进程 ID',
    cpuPercent: 'CPU',
    memoryBytes: '内存',
    user: '用户',
    uptimeSeconds: '已运行',
    bootTime: '启动时间',
    pending: '等待重启',
    reasons: '原因',
    packages: '软件包',
    interfaces: '网络接口',
    addresses: '地址',
    gateway: '网关',
    iface: '接口',
    reach: '可达性',
    probed: '已探测',
    ok: '成功',
    ms: '耗时',
    error: '错误',
    server: '服务器',
    host: '主机',
    port: '端口',
    dns: 'DNS 解析',
    dnsServers: 'DNS 服务器',
    tcp: 'TCP 连接',
    tls: 'TLS 握手',
    via: '经由',
    certificateTrusted: '证书受信任',
    certificateError: '证书问题',
    proxy: '代理',
    volumes: '卷',
    mount: '挂载点',
    filesystem: '文件系统',
    sizeBytes: '容量',
    freeBytes: '剩余空间',
    freePercent: '剩余比例',
    windowHours: '时间范围（小时）',
    total: '总数',
    capped: '已截断',
    topSources: '主要来源',
    source: '来源',
    events: '事件',
    time: '时间',
    level: '级别',
    message: '消息',
    provider: '提供程序',
    os: '操作系统',
    model: '型号',
    collectedAt: '收集时间',
    uploadedAt: '上传时间',
    virtualMachine: '虚拟机',
    account: '账户',
    ageMinutes: '时长（分钟）',
    sections: '部分',
    section: '部分',
    severity: '严重程度',
    code: '代码',
    text: '文本',
    params: '详情',
    status: '状态',
    headline: '摘要',
  },
  separator: '，',
};

export const DIAGNOSTIC_CATALOGS: Readonly<Record<WordingLanguage, DiagnosticCatalog>> = { en: EN, 'zh-cn': ZH_CN };

/** Parameters are shown as sent: ids, ports and versions must never gain thousands separators. */
function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (params[name] === undefined ? '' : String(params[name]))).replace(/\s+$/, '');
}

const isFindingCode = (code: string): code is DiagnosticFindingCode => (DIAGNOSTIC_FINDING_CODES as readonly string[]).includes(code);

export function wordSummary(parts: readonly SummaryPart[], language: WordingLanguage): string {
  const catalog = DIAGNOSTIC_CATALOGS[language];
  return parts.map((p) => fill(catalog.summary[p.code], p.params)).join(catalog.separator);
}

/** A finding's sentence; `fallback` (the English the agent sent) for a code this catalog does not know. */
export function wordFinding(finding: { readonly code: string; readonly params: Readonly<Record<string, string | number>> }, language: WordingLanguage, fallback?: string): string {
  if (!isFindingCode(finding.code)) return fallback ?? finding.code;
  const catalog = DIAGNOSTIC_CATALOGS[language];
  const status = finding.params.status;
  const params = typeof status === 'string' && status in catalog.statuses ? { ...finding.params, status: catalog.statuses[status as keyof DiagnosticCatalog['statuses']] } : finding.params;
  return fill(catalog.findings[finding.code], params);
}

/** A data field's name in the reader's language, or null when the catalog has no word for it. */
export function wordField(key: string, language: WordingLanguage): string | null {
  return (DIAGNOSTIC_FIELDS as readonly string[]).includes(key) ? DIAGNOSTIC_CATALOGS[language].fields[key as DiagnosticField] : null;
}
