import { useState } from 'react';
import { Link } from 'wouter';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, query } from '../api';
import { SelectField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import { ADMIN_ROLES } from '../session';
import { CatalogueDrafts } from './CatalogueDrafts';

interface ReviewLine {
  code: string;
  name: string;
  field: string;
  itemCount: number;
  reasons: string[];
  importedAt: string;
}

interface ReviewItem {
  field: string;
  code: string;
  reason: string;
  text: string;
}

interface PendingOnline {
  code: string;
  name: string;
  field: string;
  onlineLevel: 'partial' | 'none';
}

/** The controllers' review of the catalogue: imported records to check, and full-online reasons still missing. */
export default function CatalogueReview() {
  return (
    <RequireLogin roles={ADMIN_ROLES}>
      <Review />
    </RequireLogin>
  );
}

function Review() {
  const { t } = useI18n();
  return (
    <Page title={t('admin.review')}>
      <p>
        <Link href="/quan-tri">{t('admin.procedures')}</Link>
      </p>
      <CatalogueDrafts />
      <ImportQueue />
      <OnlineQueue />
    </Page>
  );
}

function ImportQueue() {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { data, error, reload } = useLoad(
    (signal) =>
      api<ApiPage<ReviewLine> & { reasons: { code: string; records: number }[] }>(
        `/api/catalog/import-reviews${query({ reason: reason || undefined, pageSize: 50 })}`,
        { signal },
      ),
    [reason],
  );
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('admin.reviewImport')}</h2>
      {data ? (
        <SelectField
          id="review-reason"
          label={t('admin.reviewReason')}
          value={reason}
          onChange={setReason}
          placeholder={t('admin.reviewAll')}
          options={data.reasons.map((r) => ({ value: r.code, label: `${r.code} (${r.records})` }))}
        />
      ) : null}
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <div className="table-wrap">
          <table>
            <caption>{t('home.results', { n: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('proc.code')}</th>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('proc.field')}</th>
                <th scope="col">{t('admin.reviewItems')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((line) => (
                <tr key={line.code}>
                  <td>{line.code}</td>
                  <td>
                    <Link href={`/quan-tri/thu-tuc/${encodeURIComponent(line.code)}`}>{line.name}</Link>
                    <Items line={line} />
                  </td>
                  <td>{line.field}</td>
                  <td>{line.itemCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** One record's items, verbatim, read when the controller opens them. */
function Items({ line }: { line: ReviewLine }) {
  const { t } = useI18n();
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [failed, setFailed] = useState<Error | null>(null);
  const open = async () => {
    try {
      const review = await api<{ items: ReviewItem[] }>(
        `/api/procedures/${encodeURIComponent(line.code)}/import-review`,
      );
      setItems(review.items);
    } catch (error) {
      setFailed(error as Error);
    }
  };
  if (failed) return <Failure error={failed} />;
  if (!items)
    return (
      <p>
        <button type="button" className="link-button" onClick={open}>
          {t('admin.reviewShow', { n: line.itemCount, code: line.code })}
        </button>
      </p>
    );
  return (
    <ul>
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: items of one record in the order the parser listed them
        <li key={index}>
          <strong>
            {item.field} · {item.code}
          </strong>
          : {item.reason}
          <blockquote lang="vi">{item.text}</blockquote>
        </li>
      ))}
    </ul>
  );
}

function OnlineQueue() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) =>
      api<ApiPage<PendingOnline>>(`/api/catalog/online-reviews${query({ pageSize: 50 })}`, { signal }),
    [],
  );
  return (
    <section aria-labelledby="online-heading">
      <h2 id="online-heading">{t('admin.reviewOnline')}</h2>
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <div className="table-wrap">
          <table>
            <caption>{t('home.results', { n: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('proc.code')}</th>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('proc.field')}</th>
                <th scope="col">{t('admin.onlineLevel')}</th>
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
                  <td>{t(`online.${p.onlineLevel}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
