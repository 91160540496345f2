/** One spelling for CPU architectures across Windows, macOS, Linux and Node. */
export function normalizeArch(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  switch (v) {
    case 'amd64':
    case 'x86_64':
    case 'x64':
    case 'em64t':
      return 'x64';
    case 'arm64':
    case 'aarch64':
    case 'arm64e':
      return 'arm64';
    case 'x86':
    case 'i386':
    case 'i486':
    case 'i586':
    case 'i686':
      return 'x86';
    case 'armv7l':
    case 'armv6l':
    case 'arm':
      return 'arm';
    default:
      return v === '' ? null : v;
  }
}
