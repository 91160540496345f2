/**
 * Recognizes a virtual machine from what its firmware says about itself. Hyper-V's
 * "HypervisorPresent" is not used: it is also true on physical hosts running Hyper-V or VBS.
 */
const HYPERVISORS: readonly (readonly [RegExp, string])[] = [
  [/vmware/i, 'VMware'],
  [/virtualbox|innotek/i, 'VirtualBox'],
  [/parallels/i, 'Parallels'],
  [/qemu|bochs|kvm|standard pc \((q35|i440fx)/i, 'KVM'],
  [/\bxen\b|hvm domu/i, 'Xen'],
  [/amazon ec2/i, 'Amazon EC2'],
  [/google compute engine/i, 'Google Compute Engine'],
  [/openstack/i, 'OpenStack'],
  [/virtualmac|apple virtual/i, 'Apple Virtualization'],
  [/nutanix|ahv/i, 'Nutanix AHV'],
  [/bhyve/i, 'bhyve'],
];

export interface VirtualizationGuess {
  readonly virtualMachine: boolean | null;
  readonly hypervisor: string | null;
}

export function detectVirtualization(...facts: readonly (string | null | undefined)[]): VirtualizationGuess {
  const known = facts.filter((f): f is string => typeof f === 'string' && f.trim() !== '');
  const joined = known.join(' | ');
  // Hyper-V guests: "Microsoft Corporation" + "Virtual Machine"; Surface devices are Microsoft too.
  if (/microsoft corporation/i.test(joined) && /virtual machine/i.test(joined)) return { virtualMachine: true, hypervisor: 'Hyper-V' };
  for (const [pattern, name] of HYPERVISORS) if (pattern.test(joined)) return { virtualMachine: true, hypervisor: name };
  return known.length > 0 ? { virtualMachine: false, hypervisor: null } : { virtualMachine: null, hypervisor: null };
}

/** systemd-detect-virt's identifiers, as printed by `systemd-detect-virt --vm`. */
export function hypervisorFromSystemd(id: string): string | null {
  const names: Record<string, string> = {
    kvm: 'KVM',
    qemu: 'KVM',
    vmware: 'VMware',
    microsoft: 'Hyper-V',
    oracle: 'VirtualBox',
    xen: 'Xen',
    bochs: 'KVM',
    parallels: 'Parallels',
    amazon: 'Amazon EC2',
    bhyve: 'bhyve',
    qnx: 'QNX',
    acrn: 'ACRN',
    apple: 'Apple Virtualization',
    google: 'Google Compute Engine',
    zvm: 'z/VM',
    powervm: 'PowerVM',
    uml: 'User-mode Linux',
  };
  const key = id.trim().toLowerCase();
  return names[key] ?? (key === '' || key === 'none' ? null : id.trim());
}
