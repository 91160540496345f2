import { app, shell } from 'electron';

import type { Downloads } from '../core/ports.js';

/** The user's Downloads folder (as the OS names it), and the file shown selected in Explorer, Finder or the file manager. */
export function electronDownloads(): Downloads {
  return {
    folder: () => app.getPath('downloads'),
    reveal: (path) => shell.showItemInFolder(path),
  };
}
