import type { DraftAttachment } from '@deskside/shared';

import type { ScreenshotDraft } from './attachments';

const PNG_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * The screenshot as it will be sent: the capture with every chosen area painted solid black. The black
 * is burnt into new pixels (not an overlay), so nothing under it survives. Falls back to JPEG when a
 * very large display makes the PNG exceed the screenshot cap.
 */
export async function renderScreenshot(draft: ScreenshotDraft): Promise<Pick<DraftAttachment, 'type' | 'dataBase64'>> {
  const image = await loadImage(draft.shot.dataUrl);
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('cannot draw the screenshot');
  ctx.drawImage(image, 0, 0);
  ctx.fillStyle = '#000';
  for (const a of draft.areas) ctx.fillRect(a.x, a.y, a.width, a.height);
  let url = canvas.toDataURL('image/png');
  let type: DraftAttachment['type'] = 'image/png';
  if (url.length * 0.75 > PNG_LIMIT_BYTES) {
    url = canvas.toDataURL('image/jpeg', 0.85);
    type = 'image/jpeg';
  }
  return { type, dataBase64: url.slice(url.indexOf(',') + 1) };
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the screenshot could not be read'));
    img.src = src;
  });
}
