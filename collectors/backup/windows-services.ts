/** Backup agents recognised by their Windows service names (wildcards allowed). */
export const BACKUP_SERVICES: readonly { readonly pattern: string; readonly product: string }[] = [
  { pattern: 'VeeamEndpointBackupSvc', product: 'Veeam Agent for Microsoft Windows' },
  { pattern: 'AcronisCyberProtectService', product: 'Acronis Cyber Protect' },
  { pattern: 'MMS', product: 'Acronis Cyber Protect' },
  { pattern: 'AcrSch2Svc', product: 'Acronis True Image' },
  { pattern: 'bzserv', product: 'Backblaze' },
  { pattern: 'CrashPlanService', product: 'CrashPlan' },
  { pattern: 'Code42Service', product: 'Code42 (CrashPlan)' },
  { pattern: 'CarboniteService', product: 'Carbonite' },
  { pattern: 'MacriumService', product: 'Macrium Reflect' },
  { pattern: 'ReflectService', product: 'Macrium Reflect' },
];

export function backupProductFor(service: string): string | null {
  const name = service.toLowerCase();
  return BACKUP_SERVICES.find((s) => s.pattern.toLowerCase() === name)?.product ?? null;
}
