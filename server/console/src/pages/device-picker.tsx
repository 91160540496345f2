import type { DeviceSummary } from '@deskside/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useDebounced } from '../hooks/use-debounced.js';
import { useClient } from '../session/session-context.js';

/**
 * Type a device name, pick it from the suggestions (searched on the server, so it works with any
 * fleet size), and the queue shows that device's tickets.
 */
export function DevicePicker({ onPick, label, placeholder }: { readonly onPick: (device: DeviceSummary) => void; readonly label?: string; readonly placeholder?: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const listId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<readonly DeviceSummary[]>([]);
  const query = useDebounced(text.trim(), 250);

  useEffect(() => {
    if (query.length < 2) {
      setOptions([]);
      return;
    }
    const controller = new AbortController();
    client.devices({ q: query, pageSize: 10, sort: 'hostname', order: 'asc' }, controller.signal).then(
      (page) => setOptions(page.items),
      () => setOptions([]),
    );
    return () => controller.abort();
  }, [client, query]);

  const choose = (value: string) => {
    const match = options.find((d) => d.hostname.toLowerCase() === value.trim().toLowerCase());
    if (match) {
      onPick(match);
      setText('');
    }
  };

  return (
    <div className="field">
      <label htmlFor={inputId}>{label ?? t('queue.device')}</label>
      <input
        id={inputId}
        type="search"
        list={listId}
        value={text}
        placeholder={placeholder ?? t('queue.devicePlaceholder')}
        onChange={(e) => {
          setText(e.target.value);
          choose(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') choose(text);
        }}
        autoComplete="off"
      />
      <datalist id={listId}>
        {options.map((d) => (
          <option key={d.id} value={d.hostname}>
            {[d.loggedInUser, d.ip].filter(Boolean).join(' · ')}
          </option>
        ))}
      </datalist>
    </div>
  );
}
