import type { AttachmentRules } from '@deskside/shared';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';


import { formatBytes } from '../../format';
import { acceptFiles, type FileDraft, type FileProblem } from './attachments';

/** Files by drag and drop, or by a button for people who use the keyboard. */
export function FileDrop({
  rules,
  files,
  attachedCount,
  onChange,
}: {
  rules: AttachmentRules;
  files: readonly FileDraft[];
  attachedCount: number;
  onChange: (files: readonly FileDraft[]) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [problems, setProblems] = useState<readonly FileProblem[]>([]);
  const sizeMb = Math.floor(rules.maxFileBytes / 1024 / 1024);

  const add = async (list: readonly File[]) => {
    const { accepted, problems: p } = await acceptFiles(list, rules, attachedCount);
    setProblems(p);
    if (accepted.length > 0) onChange([...files, ...accepted]);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void add([...e.dataTransfer.files]);
  };

  return (
    <div>
      <div
        className={`drop ${over ? 'drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="file-drop"
      >
        <p>{t('report.dropFiles')}</p>
        <button type="button" onClick={() => input.current?.click()}>
          {t('report.chooseFiles')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={rules.allowedTypes.join(',')}
          onChange={(e) => {
            void add([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
          data-testid="file-input"
        />
        <p className="hint">{t('report.filesRules', { count: rules.maxFiles, size: sizeMb })}</p>
      </div>
      {problems.length > 0 ? (
        // The alert role sits on a wrapper: on the <ul> itself it would hide the list from assistive tech.
        <div role="alert" className="notice notice-error">
          <ul className="plain-list">
          {problems.map((p, i) => (
            <li key={i}>
              {p.kind === 'too-many'
                ? t('report.tooManyFiles', { count: rules.maxFiles })
                : p.kind === 'too-large'
                  ? t('report.fileTooLarge', { name: p.name, size: sizeMb })
                  : t('report.fileWrongType', { name: p.name })}
            </li>
          ))}
          </ul>
        </div>
      ) : null}
      {files.length > 0 ? (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.id}>
              <span>
                {f.name} <span className="hint">({formatBytes(f.size)})</span>
              </span>
              <button type="button" aria-label={t('report.removeFile', { name: f.name })} onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
