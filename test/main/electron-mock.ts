/**
 * The one stand-in for `electron` in main-process tests (importing the real module in plain Node tries
 * to download the binary). Each test file does `vi.mock('electron', () => import('../electron-mock.js'))`
 * and reads what the code under test did from `electronMock`.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  readonly mainFrame = { url: '' };
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  loadedUrl: string | null = null;
  visible = false;
  destroyed = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.created.push(this);
    electronMock.events.push(`window-created`);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  removeMenu(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
};

export class Tray extends EventEmitter {
  static readonly created: Tray[] = [];
  image: unknown;
  tooltip = '';
  menu: { template: unknown[] } | null = null;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.created.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(menu: { template: unknown[] }): void {
    this.menu = menu;
  }
  popUpContextMenu(): void {}
  destroy(): void {}
}

class FakeImage {
  readonly reps: { scaleFactor: number; width: number; height: number; buffer: Buffer }[] = [];
  addRepresentation(rep: { scaleFactor: number; width: number; height: number; buffer: Buffer }): void {
    this.reps.push(rep);
  }
  isEmpty(): boolean {
    return this.reps.length === 0;
  }
}
export const nativeImage = { createEmpty: () => new FakeImage() };

function fakeSession(name: string) {
  return {
    name,
    permissionRequestHandler: null as Handler | null,
    permissionCheckHandler: null as Handler | null,
    headersListener: null as Handler | null,
    beforeRequestListener: null as Handler | null,
    verifyProc: null as Handler | null,
    setPermissionRequestHandler(h: Handler) {
      this.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h: Handler) {
      this.permissionCheckHandler = h;
    },
    setCertificateVerifyProc(h: Handler) {
      this.verifyProc = h;
    },
    webRequest: {
      onHeadersReceived: (h: Handler) => {
        sessions.get(name)!.headersListener = h;
      },
      onBeforeRequest: (h: Handler) => {
        sessions.get(name)!.beforeRequestListener = h;
      },
    },
  };
}
const sessions = new Map<string, ReturnType<typeof fakeSession>>();
export const session = {
  fromPartition(name: string) {
    if (!sessions.has(name)) sessions.set(name, fakeSession(name));
    return sessions.get(name)!;
  },
};

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getVersion: () => '0.1.0',
  getPath: () => '/tmp/deskside-test',
  getPreferredSystemLanguages: () => ['en-US'],
  setLoginItemSettings: (s: unknown) => electronMock.loginItems.push(s),
  singleInstance: true,
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  },
  setAppUserModelId: (id: string) => electronMock.events.push(`app-user-model-id:${id}`),
  quits: 0,
  quit(): void {
    this.quits++;
  },
});

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
    electronMock.notifications.push(this);
  }
  show(): void {}
}

export const globalShortcut = {
  registered: new Map<string, Handler>(),
  register(accelerator: string, cb: Handler): boolean {
    this.registered.set(accelerator, cb);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
};

/** The preload side: what the sandboxed script sees. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(name: string, api: unknown): void {
    this.exposed.set(name, api);
  },
};
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as { channel: string; args: unknown[] }[],
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return { echoed: channel };
  },
});

export const electronMock = {
  events: [] as string[],
  loginItems: [] as unknown[],
  notifications: [] as Notification[],
  sessions,
  reset(): void {
    BrowserWindow.created.length = 0;
    Tray.created.length = 0;
    ipcMain.handlers.clear();
    this.events.length = 0;
    this.loginItems.length = 0;
    this.notifications.length = 0;
    sessions.clear();
    globalShortcut.registered.clear();
    contextBridge.exposed.clear();
    ipcRenderer.invocations.length = 0;
    ipcRenderer.removeAllListeners();
    app.removeAllListeners();
    powerMonitor.removeAllListeners();
  },
};


export const powerMonitor = new EventEmitter();

export const net = {
  online: true,
  isOnline(): boolean {
    return this.online;
  },
  request: (): never => {
    throw new Error('net.request is not used in these tests');
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  // Reversible stand-in: the real one is OS encryption; tests only check the round trip and file mode.
  encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
  decryptString: (b: Buffer) => Buffer.from(b.toString().replace(/^enc:/, ''), 'base64').toString(),
};

export const screen = { getAllDisplays: () => [{ id: 1, label: 'Built-in', size: { width: 4, height: 3 }, scaleFactor: 1 }] };
export const desktopCapturer = { getSources: async () => [] };
export const systemPreferences = { getMediaAccessStatus: () => 'granted' };
/** What the tray hands to the OS: links to the browser or mail client, saved files to the file manager. */
export const shell = {
  opened: [] as string[],
  revealed: [] as string[],
  openExternal: async (url: string) => void shell.opened.push(url),
  showItemInFolder: (path: string) => void shell.revealed.push(path),
};
