import { useEffect, useState } from 'react';
import { type Page as ApiPage, api, query } from '../api';
import { useI18n } from '../i18n';
import type { ProcedureSummary } from '../types';
import { useLoad } from './use-load';

/** Type part of a name (accents optional) or a code, then choose from the list below the box. */
export function ProcedurePicker({
  id,
  onChoose,
  error,
}: {
  id: string;
  onChoose(procedure: ProcedureSummary): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), 150);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useLoad(
    async (signal) =>
      debounced
        ? api<ApiPage<ProcedureSummary>>(`/api/procedures${query({ q: debounced, pageSize: 8 })}`, { signal })
        : null,
    [debounced],
  );
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <label htmlFor={id}>{t('counter.procedure')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('counter.procedureHint')}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        type="search"
        autoComplete="off"
        value={text}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          const first = results.data?.items[0];
          if (e.key === 'Enter' && first) {
            e.preventDefault();
            onChoose(first);
          }
        }}
      />
      <p className="visually-hidden" role="status">
        {results.data ? t('home.results', { n: results.data.total }) : ''}
      </p>
      {results.data && results.data.items.length > 0 ? (
        <ul className="picker-results">
          {results.data.items.map((p) => (
            <li key={p.code}>
              <button type="button" className="picker-option" onClick={() => onChoose(p)}>
                <span>{p.name}</span> <span className="muted">{p.code}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
