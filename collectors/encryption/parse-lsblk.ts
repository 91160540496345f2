import { looseText, parseJsonText } from '../protection/values.js';
import type { EncryptedVolume } from './types.js';

interface BlockNode {
  readonly name: string;
  readonly type: string | null;
  readonly fstype: string | null;
  readonly mounts: readonly string[];
  readonly children: readonly BlockNode[];
}

function toNode(raw: unknown): BlockNode | null {
  if (raw == null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const name = looseText(r['name'], 1024);
  if (name == null) return null;
  // lsblk ≥ 2.37 can print "mountpoints" (an array); older ones only "mountpoint".
  const mounts = Array.isArray(r['mountpoints']) ? r['mountpoints'] : [r['mountpoint']];
  return {
    name,
    type: looseText(r['type']),
    fstype: looseText(r['fstype']),
    mounts: mounts.filter((m): m is string => typeof m === 'string' && m.startsWith('/')),
    children: Array.isArray(r['children']) ? r['children'].map(toNode).filter((n): n is BlockNode => n != null) : [],
  };
}

/**
 * `lsblk -J` with NAME, TYPE, FSTYPE and MOUNTPOINT (see LSBLK_ARGS): every mounted filesystem, encrypted when a `crypt` device
 * sits between it and the disk (LUKS when that device's parent is `crypto_LUKS`, plain dm-crypt
 * otherwise; LVM on LUKS included). Loop and optical devices (snaps, ISOs) are left out.
 */
export function parseLsblk(text: string): EncryptedVolume[] {
  const json = parseJsonText(text, 'lsblk');
  const roots = (json as { blockdevices?: unknown }).blockdevices;
  if (!Array.isArray(roots)) throw new Error('lsblk JSON has no "blockdevices" list');
  const volumes: EncryptedVolume[] = [];
  const walk = (node: BlockNode, ancestors: readonly BlockNode[]) => {
    if (node.type === 'loop' || node.type === 'rom') return;
    const chain = [...ancestors, node];
    const cryptIndex = chain.findLastIndex((n) => n.type === 'crypt');
    for (const mount of node.mounts) {
      const crypt = cryptIndex >= 0 ? chain[cryptIndex] : undefined;
      const luks = cryptIndex > 0 && chain[cryptIndex - 1]?.fstype === 'crypto_LUKS';
      volumes.push({
        mount,
        device: `/dev/${node.name}`,
        method: crypt === undefined ? 'none' : luks ? 'luks' : 'dm-crypt',
        encrypted: crypt !== undefined,
        // Mounted means unlocked; what LUKS protects is the disk at rest, which it does once set up.
        protectionOn: crypt !== undefined,
        status: crypt === undefined ? null : `${luks ? 'LUKS' : 'dm-crypt'} mapping ${crypt.name}`,
        percentEncrypted: null,
        system: mount === '/',
        source: 'lsblk',
      });
    }
    for (const child of node.children) walk(child, chain);
  };
  for (const root of roots.map(toNode)) if (root) walk(root, []);
  return volumes;
}

/**
 * /proc/self/mounts lines "<device> <mount> <fstype> …": eCryptfs home directories (which lsblk
 * cannot see) and, when "/" is not a block device lsblk knows (overlay, network root), its source.
 */
export function parseProcMounts(text: string): { readonly ecryptfs: EncryptedVolume[]; readonly root: { device: string; fstype: string } | null } {
  const ecryptfs: EncryptedVolume[] = [];
  let root: { device: string; fstype: string } | null = null;
  for (const line of text.split('\n')) {
    const [device, mount, fstype] = line.split(' ').map((f) => f.replace(/\\040/g, ' '));
    if (!device || !mount || !fstype) continue;
    if (mount === '/') root = { device, fstype };
    if (fstype === 'ecryptfs') {
      ecryptfs.push({ mount, device, method: 'ecryptfs', encrypted: true, protectionOn: true, status: 'mounted', percentEncrypted: null, system: false, source: '/proc/self/mounts' });
    }
  }
  return { ecryptfs, root };
}
