import type { NetworkInterface } from '@deskside/shared/inventory';

export type InterfaceKind = NetworkInterface['kind'];

/**
 * A best guess from the interface name alone, for when the OS gives nothing better. Names follow
 * long-standing conventions: Linux predictable names (en*, wl*, ww*), macOS BSD names, VPN drivers.
 */
export function kindFromName(name: string): InterfaceKind {
  const n = name.toLowerCase();
  if (n === 'lo' || n.startsWith('lo0') || n === 'loopback') return 'loopback';
  if (/^(wl|wlan|wifi|ath|ra\d)/u.test(n)) return 'wireless';
  if (/^(ww|wwan|rmnet|cdc-wdm)/u.test(n)) return 'cellular';
  if (/^(tun|tap|utun|ppp|wg|ipsec|gpd|cscotun|vpn|tailscale|zt|nordlynx|proton)/u.test(n)) return 'vpn';
  if (/^(br|bridge|virbr)/u.test(n)) return 'bridge';
  if (/^(docker|veth|vmnet|vboxnet|vnic|lxc|lxd|cni|flannel|cali|podman|awdl|llw|anpi|ap\d|gif|stf|bond|team|dummy|ifb|vlan|macvlan|ipvlan|sit|gre|ip6tnl|erspan|ham)/u.test(n)) return 'virtual';
  if (/^(en|eth|em|eno|ens|enp|enx|p\d+p\d+)/u.test(n)) return 'wired';
  return 'other';
}

/** VPN adapters Windows and macOS describe by product rather than by type. */
export const VPN_DESCRIPTION =
  /\b(vpn|tap-windows|tap-win32|wireguard|wintun|openvpn|anyconnect|globalprotect|pangp|fortinet|forticlient|juniper|pulse secure|zscaler|tailscale|zerotier|nordlynx|sonicwall|checkpoint|check point|cisco systems vpn)\b/iu;

/** Virtual adapters by description (hypervisors, containers, Windows' own pseudo-adapters). */
export const VIRTUAL_DESCRIPTION =
  /\b(hyper-v|vethernet|virtual|vmware|virtualbox|vbox|docker|wsl|loopback adapter|miniport|teredo|isatap|6to4|kernel debug)\b/iu;
