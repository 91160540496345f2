import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { areaFrom, moveBox, type Area, type ScreenshotDraft } from './attachments';

/**
 * One screenshot: keep it or not, and black out areas by dragging over it. Areas are drawn as opaque
 * black boxes on top while editing and burnt into the image when it is sent.
 */
export function ScreenshotEditor({ draft, onChange }: { draft: ScreenshotDraft; onChange: (d: ScreenshotDraft) => void }) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [current, setCurrent] = useState<Area | null>(null);
  // Keyboard users place a box with the arrow keys (Shift resizes) and press Enter to black it out.
  const [keyBox, setKeyBox] = useState<Area | null>(null);
  const { shot } = draft;
  const onKey = (e: KeyboardEvent) => {
    if (!draft.include) return;
    const box = keyBox ?? { x: shot.width * 0.4, y: shot.height * 0.4, width: shot.width * 0.2, height: shot.height * 0.2 };
    const step = { x: shot.width / 50, y: shot.height / 50 };
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setKeyBox(moveBox(box, move[0] * step.x, move[1] * step.y, e.shiftKey, shot));
    } else if (e.key === 'Enter' && keyBox) {
      e.preventDefault();
      onChange({ ...draft, areas: [...draft.areas, keyBox] });
      setKeyBox(null);
    } else if (e.key === 'Escape' && keyBox) {
      e.preventDefault();
      setKeyBox(null);
    }
  };

  const toImage = (e: PointerEvent) => {
    const box = frame.current?.getBoundingClientRect();
    if (!box || box.width === 0) return { x: 0, y: 0 };
    return { x: ((e.clientX - box.left) / box.width) * shot.width, y: ((e.clientY - box.top) / box.height) * shot.height };
  };
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!draft.include) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    setStart(toImage(e));
  };
  const onMove = (e: PointerEvent) => {
    if (start) setCurrent(areaFrom(start, toImage(e), shot));
  };
  const onUp = (e: PointerEvent) => {
    if (!start) return;
    const area = areaFrom(start, toImage(e), shot);
    setStart(null);
    setCurrent(null);
    if (area.width >= 4 && area.height >= 4) onChange({ ...draft, areas: [...draft.areas, area] });
  };
  const pct = (a: Area) => ({
    left: `${(a.x / shot.width) * 100}%`,
    top: `${(a.y / shot.height) * 100}%`,
    width: `${(a.width / shot.width) * 100}%`,
    height: `${(a.height / shot.height) * 100}%`,
  });

  return (
    <figure className={`shot ${draft.include ? '' : 'shot-excluded'}`}>
      <label className="check">
        <input type="checkbox" checked={draft.include} onChange={(e) => onChange({ ...draft, include: e.target.checked })} />
        {t('report.includeScreenshot', { name: shot.displayName })}
      </label>
      <div
        ref={frame}
        className="shot-frame"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onKeyDown={onKey}
        onBlur={() => setKeyBox(null)}
        tabIndex={draft.include ? 0 : -1}
        role="group"
        aria-label={t('report.shotKeyboard', { name: shot.displayName })}
        data-testid={`shot-${shot.id}`}
      >
        <img src={shot.dataUrl} alt={shot.displayName} draggable={false} />
        {draft.areas.map((a, i) => (
          <span key={i} className="shot-area" style={pct(a)} />
        ))}
        {current ? <span className="shot-area shot-area-live" style={pct(current)} /> : null}
        {keyBox ? <span className="shot-area shot-area-live" style={pct(keyBox)} data-testid="keyboard-box" /> : null}
      </div>
      <figcaption>
        <span>{draft.include ? t('report.blackOut') : null}</span>
        <span aria-live="polite">{draft.areas.length > 0 ? t('report.areas', { count: draft.areas.length }) : null}</span>
        <button type="button" disabled={draft.areas.length === 0} onClick={() => onChange({ ...draft, areas: draft.areas.slice(0, -1) })}>
          {t('report.undoArea')}
        </button>
        <button type="button" disabled={draft.areas.length === 0} onClick={() => onChange({ ...draft, areas: [] })}>
          {t('report.clearAreas')}
        </button>
      </figcaption>
    </figure>
  );
}
