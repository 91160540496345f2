import type { CapturedScreen } from '@deskside/shared';
import { desktopCapturer, screen, systemPreferences } from 'electron';


import type { ScreenshotProvider } from '../../agent/host.js';
import type { Logger, ScreenCaptures } from '../core/ports.js';

/**
 * Screenshots of every display, taken just before the Report window appears so the form itself is
 * never in them. They stay in memory, reach the renderer only as data: URLs, and are dropped when the
 * window closes. On macOS without Screen Recording permission the OS returns wallpaper-only images,
 * so we take none and the form says screenshots are unavailable.
 */
export class ElectronScreenCaptures implements ScreenCaptures {
  #shots: readonly CapturedScreen[] = [];

  constructor(private readonly log: Logger) {}

  captured(): readonly CapturedScreen[] {
    return this.#shots;
  }

  /** For the agent core (its own captureScreenshot): the first display, taken now. */
  provider(): ScreenshotProvider {
    return {
      capture: async () => {
        await this.capture();
        const first = this.#shots[0];
        this.#shots = [];
        if (first === undefined) throw new Error('no screenshot could be taken (no display, or screen recording is not allowed)');
        return { bytes: new Uint8Array(Buffer.from(first.dataUrl.slice(first.dataUrl.indexOf(',') + 1), 'base64')), type: 'image/png' };
      },
    };
  }

  clear(): void {
    this.#shots = [];
  }

  async capture(): Promise<void> {
    this.#shots = [];
    if (process.platform === 'darwin' && systemPreferences.getMediaAccessStatus('screen') !== 'granted') {
      this.log.info('screen recording permission not granted: no screenshot taken');
      return;
    }
    const displays = screen.getAllDisplays();
    const largest = displays.reduce(
      (m, d) => ({ width: Math.max(m.width, d.size.width * d.scaleFactor), height: Math.max(m.height, d.size.height * d.scaleFactor) }),
      { width: 0, height: 0 },
    );
    try {
      const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: largest });
      this.#shots = sources
        .filter((s) => !s.thumbnail.isEmpty())
        .map((s, i) => {
          const display = displays.find((d) => String(d.id) === s.display_id);
          const size = s.thumbnail.getSize();
          return {
            id: `display-${i + 1}`,
            displayName: display?.label || s.name || `Display ${i + 1}`,
            width: size.width,
            height: size.height,
            dataUrl: `data:image/png;base64,${s.thumbnail.toPNG().toString('base64')}`,
          };
        });
    } catch (error) {
      this.log.warn('screen capture failed', { error: String(error) });
    }
  }
}
