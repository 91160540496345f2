/** An Electron accelerator as people read it on their platform: "⌘⌥H" on a Mac, "Ctrl+Alt+H" elsewhere. */
export function displayAccelerator(accelerator: string, platform: 'win32' | 'darwin' | 'linux'): string {
  const mac: Record<string, string> = { commandorcontrol: '⌘', cmdorctrl: '⌘', command: '⌘', cmd: '⌘', control: '⌃', ctrl: '⌃', alt: '⌥', option: '⌥', altgr: '⌥', shift: '⇧', super: '⌘', meta: '⌘' };
  const other: Record<string, string> = {
    commandorcontrol: 'Ctrl',
    cmdorctrl: 'Ctrl',
    control: 'Ctrl',
    ctrl: 'Ctrl',
    alt: 'Alt',
    option: 'Alt',
    altgr: 'AltGr',
    shift: 'Shift',
    command: platform === 'win32' ? 'Win' : 'Super',
    cmd: platform === 'win32' ? 'Win' : 'Super',
    super: platform === 'win32' ? 'Win' : 'Super',
    meta: platform === 'win32' ? 'Win' : 'Super',
  };
  const names = platform === 'darwin' ? mac : other;
  const parts = accelerator.split('+').map((p) => names[p.toLowerCase()] ?? p);
  return platform === 'darwin' ? parts.join('') : parts.join('+');
}
