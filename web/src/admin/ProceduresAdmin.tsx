import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, query } from '../api';
import { useTimeLimitText } from '../components/dossier-bits';
import { TextField } from '../components/fields';
import { Failure, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { ADMIN_ROLES } from '../session';
import type { ProcedureSummary } from '../types';

export default function ProceduresAdmin() {
  return (
    <RequireLogin roles={ADMIN_ROLES}>
      <List />
    </RequireLogin>
  );
}

function List() {
  const { t } = useI18n();
  const timeText = useTimeLimitText();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<ProcedureSummary>>(`/api/procedures${query({ q, pageSize: 50 })}`, { signal }),
    [q],
  );
  return (
    <Page title={t('admin.title')}>
      <p>
        <Link href="/quan-tri/lich">{t('admin.calendar')}</Link> ·{' '}
        <Link href="/quan-tri/thong-bao">{t('admin.templates')}</Link> ·{' '}
        <Link href="/quan-tri/ra-soat">{t('admin.review')}</Link>
      </p>
      <TextField id="admin-search" type="search" label={t('home.search')} value={text} onChange={setText} />
      {error ? <Failure error={error} retry={reload} /> : null}
      {data ? (
        <div className="table-wrap">
          <table>
            <caption>{t('home.results', { n: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('proc.code')}</th>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('proc.field')}</th>
                <th scope="col">{t('proc.time')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.code}>
                  <td>{p.code}</td>
                  <td>
                    <Link href={`/quan-tri/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                  </td>
                  <td>{p.field}</td>
                  <td>{timeText(p.timeLimit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
