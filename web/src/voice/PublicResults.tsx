import { useState } from 'react';
import { type Page as ApiPage, api, query } from '../api';
import { BarChart } from '../components/BarChart';
import { SelectField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { TableRegion } from '../components/TableRegion';
import { useLoad } from '../components/use-load';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

interface PublishedFeedback {
  code: string;
  title: string;
  question: string;
  answer: string;
  agencyName: string | null;
  receivedOn: string;
  publishedAt: string | null;
}

interface RatingRow {
  agency: string;
  agencyName: string;
  ratings: number;
  satisfactionRate: number | null;
  score: number | null;
  band: string | null;
}

interface Publication {
  year: number;
  quarter: number;
  publishedAt: string;
  rows: RatingRow[];
}

/** Plans 246/KH-UBND and 56/KH-UBND: satisfaction of at least 86 %. */
const SATISFACTION_TARGET = 86;

/** What the province publishes: answers to feedback, and each quarter's ratings per agency. */
export default function PublicResults() {
  const { t } = useI18n();
  return (
    <Page title={t('pub.title')} lead={t('pub.lead')}>
      <Ratings />
      <Feedback />
    </Page>
  );
}

function Feedback() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<PublishedFeedback>>('/api/public/feedback?pageSize=20', { signal }),
    [],
  );
  return (
    <section aria-labelledby="pub-feedback">
      <h2 id="pub-feedback">{t('pub.feedback')}</h2>
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('pub.noFeedback')}</p> : null}
      {data?.items.map((item) => (
        <article key={item.code} className="published-item" aria-labelledby={`pub-${item.code}`}>
          <h3 id={`pub-${item.code}`}>{item.title}</h3>
          <p className="muted">
            {item.code} · {item.agencyName ?? ''} ·{' '}
            {t('pub.publishedAt', { at: formatDate(item.publishedAt) })}
          </p>
          <h4>{t('pub.question')}</h4>
          <p>{item.question}</p>
          <h4>{t('pub.answer')}</h4>
          <p>{item.answer}</p>
        </article>
      ))}
    </section>
  );
}

function Ratings() {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { data, error, reload } = useLoad(
    (signal) =>
      api<{ items: Publication[] }>(`/api/public/ratings${query({ year })}`, { signal }).then((r) => r.items),
    [year],
  );
  // The newest year with results is usually last year early in a year: offer a few years back.
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
  return (
    <section aria-labelledby="pub-ratings">
      <h2 id="pub-ratings">{t('pub.ratings')}</h2>
      <SelectField
        id="pub-year"
        label={t('pub.year')}
        value={String(year)}
        onChange={(v) => setYear(Number(v))}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.length === 0 ? <p>{t('pub.noRatings', { year })}</p> : null}
      {data && data.length > 0 ? (
        <p>
          <a href={`/api/public/ratings.xlsx${query({ year })}`} download={`danh-gia-${year}.xlsx`}>
            {t('pub.xlsx')}
          </a>
        </p>
      ) : null}
      {[...(data ?? [])].reverse().map((p) => (
        <QuarterResults key={p.quarter} publication={p} />
      ))}
    </section>
  );
}

function QuarterResults({ publication }: { publication: Publication }) {
  const { t } = useI18n();
  const { year, quarter: q, rows } = publication;
  const heading = t('pub.quarter', { q, year });
  return (
    <section aria-labelledby={`pub-q${q}`}>
      <h3 id={`pub-q${q}`}>{heading}</h3>
      <BarChart
        title={t('pub.chart', { q, year })}
        bars={rows.map((r) => ({ label: r.agencyName, value: r.satisfactionRate }))}
        target={SATISFACTION_TARGET}
      />
      <p className="caption">{t('pub.target')}</p>
      <TableRegion label={heading}>
        <table>
          <caption>{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pub.agency')}</th>
              <th scope="col">{t('pub.ratingsCount')}</th>
              <th scope="col">{t('pub.rate')}</th>
              <th scope="col">{t('pub.score')}</th>
              <th scope="col">{t('pub.band')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.agency}>
                <th scope="row">{r.agencyName}</th>
                <td>{r.ratings}</td>
                <td>
                  {r.satisfactionRate === null ? '—' : `${r.satisfactionRate.toLocaleString('vi-VN')} %`}
                </td>
                <td>{r.score === null ? '—' : r.score.toLocaleString('vi-VN')}</td>
                <td>{r.band ? t(`band.${r.band}` as MessageKey) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
