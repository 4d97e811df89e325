import { Link } from 'wouter';
import { type Page as ApiPage, api } from '../api';
import { StatusTag } from '../components/dossier-bits';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { DossierSummary } from '../types';
import { RequireLogin } from './RequireLogin';

/** A citizen's own dossiers, newest first. */
export default function MyDossiers() {
  return (
    <RequireLogin roles={['citizen']}>
      <List />
    </RequireLogin>
  );
}

function List() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<DossierSummary>>('/api/me/dossiers?pageSize=100', { signal }),
    [],
  );
  return (
    <Page title={t('mine.title')}>
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('mine.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('mine.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mine.code')}</th>
                <th scope="col">{t('mine.procedure')}</th>
                <th scope="col">{t('mine.status')}</th>
                <th scope="col">{t('mine.due')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={d.code}>
                  <td>
                    <Link href={`/ho-so-cua-toi/${encodeURIComponent(d.code)}`}>{d.code}</Link>
                  </td>
                  <td>{d.procedureName ?? d.procedureCode}</td>
                  <td>
                    <StatusTag status={d.status} />
                  </td>
                  <td>{formatInstant(d.dueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
