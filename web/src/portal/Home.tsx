import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { type Page as ApiPage, api, query } from '../api';
import { useTimeLimitText } from '../components/dossier-bits';
import { Failure, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import type { ProcedureSummary } from '../types';

const PAGE_SIZE = 20;

/** The portal's home: one search box over procedures, results as you type, and the fields. */
export function Home() {
  const { t } = useI18n();
  const timeText = useTimeLimitText();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced, setDebounced] = useState(text);
  const field = params.get('linh-vuc') ?? '';
  const [limit, setLimit] = useState(PAGE_SIZE);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => {
    setParams(
      (p) => {
        if (debounced) p.set('q', debounced);
        else p.delete('q');
        return p;
      },
      { replace: true },
    );
    setLimit(PAGE_SIZE);
  }, [debounced, setParams]);

  const fields = useLoad(
    (signal) =>
      api<ApiPage<{ code: string; name: string; procedureCount: number }>>('/api/fields?pageSize=200', {
        signal,
      }),
    [],
  );
  const results = useLoad(
    (signal) =>
      api<ApiPage<ProcedureSummary>>(`/api/procedures${query({ q: debounced, field, pageSize: limit })}`, {
        signal,
      }),
    [debounced, field, limit],
  );

  return (
    <Page title={t('home.title')}>
      <search>
        <form className="search-form" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="procedure-search">{t('home.search')}</label>
          <p className="hint" id="procedure-search-hint">
            {t('home.lead')}
          </p>
          <input
            id="procedure-search"
            type="search"
            value={text}
            autoComplete="off"
            aria-describedby="procedure-search-hint"
            aria-controls="procedure-results"
            onChange={(e) => setText(e.target.value)}
          />
        </form>
      </search>
      <div className="home-grid">
        <section aria-labelledby="fields-heading" className="fields-panel">
          <h2 id="fields-heading">{t('home.fields')}</h2>
          <ul className="plain-list">
            <li>
              <Link href="/" aria-current={field === '' ? 'true' : undefined}>
                {t('home.allFields')}
              </Link>
            </li>
            {fields.data?.items.map((f) => (
              <li key={f.code}>
                <Link
                  href={`/?linh-vuc=${encodeURIComponent(f.code)}`}
                  aria-current={field === f.code ? 'true' : undefined}
                >
                  {f.name} <span className="muted">({f.procedureCount})</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="results-heading" id="procedure-results">
          <h2 id="results-heading">{t('home.resultsHeading')}</h2>
          <p role="status" className="muted">
            {results.data
              ? results.data.total === 0
                ? t('home.noResults')
                : t('home.results', { n: results.data.total.toLocaleString('vi-VN') })
              : ''}
          </p>
          {results.error ? <Failure error={results.error} retry={results.reload} /> : null}
          <ul className="result-list">
            {results.data?.items.map((p) => (
              <li key={p.code}>
                <Link href={`/thu-tuc/${encodeURIComponent(p.code)}`} className="result-title">
                  {p.name}
                </Link>
                <p className="result-meta">
                  <span>{p.code}</span> · <span>{p.field}</span> · <span>{timeText(p.timeLimit)}</span> ·{' '}
                  <span>{t(`online.${p.onlineLevel}`)}</span>
                </p>
              </li>
            ))}
          </ul>
          {results.data && results.data.total > results.data.items.length ? (
            <button type="button" className="button-secondary" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
              {t('home.more')}
            </button>
          ) : null}
        </section>
      </div>
    </Page>
  );
}
