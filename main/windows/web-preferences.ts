import type { WebPreferences } from 'electron';

export const UI_PARTITION = 'deskside-ui';

/**
 * The only WebPreferences our windows are created with: the renderer is an untrusted web page that can
 * reach the main process through `window.deskside` and nothing else.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // A session of its own (in memory): the renderer's lockdown never touches the agent's traffic.
    partition: UI_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: process.env.NODE_ENV === 'development',
  };
}
