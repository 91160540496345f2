import { describe, expect, it } from 'vitest';

import { displayAccelerator } from '../../../main/i18n/accelerator.js';

describe('displayAccelerator', () => {
  it('writes shortcuts the way each platform does', () => {
    expect(displayAccelerator('CommandOrControl+Alt+H', 'win32')).toBe('Ctrl+Alt+H');
    expect(displayAccelerator('CommandOrControl+Alt+H', 'darwin')).toBe('⌘⌥H');
    expect(displayAccelerator('Super+Shift+F1', 'linux')).toBe('Super+Shift+F1');
    expect(displayAccelerator('Cmd+Shift+R', 'win32')).toBe('Win+Shift+R');
  });
});
