import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the built bundles sit relative to out/main/index.js, and the dev server electron-vite starts. */
export function appPaths(mainDir: string, env: NodeJS.ProcessEnv): { preload: string; rendererUrl: string } {
  const devUrl = env.ELECTRON_RENDERER_URL;
  return {
    preload: join(mainDir, '../preload/index.cjs'),
    rendererUrl: devUrl ? new URL('index.html', devUrl.endsWith('/') ? devUrl : `${devUrl}/`).href : pathToFileURL(join(mainDir, '../renderer/index.html')).href,
  };
}

export const mainDirOf = (moduleUrl: string): string => fileURLToPath(new URL('.', moduleUrl));
