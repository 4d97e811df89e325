import { Link, useSearchParams } from 'wouter';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, query } from '../api';
import { Checkbox, SelectField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { TableRegion } from '../components/TableRegion';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { FEEDBACK_OFFICERS, useSession } from '../session';
import type { FeedbackItem } from './feedback-types';
import { UrgencyTag } from './UrgencyTag';

const URGENCIES = ['overdue', 'due_soon', 'on_track', 'waiting'] as const;

export default function FeedbackQueue() {
  return (
    <RequireLogin roles={FEEDBACK_OFFICERS}>
      <Queue />
    </RequireLogin>
  );
}

interface Overview {
  open: {
    agency: string | null;
    agencyName: string | null;
    open: number;
    overdue: number;
    dueSoon: number;
    waiting: number;
    progressOwed: number;
  }[];
}

/** Feedback nearest its deadline first; a controller also sees the overview by agency. */
function Queue() {
  const { t } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const urgency = params.get('han') ?? '';
  const open = params.get('tat-ca') !== '1';
  const set = (name: string, value: string) =>
    setParams((p) => {
      if (value) p.set(name, value);
      else p.delete(name);
      return p;
    });
  const path = `/api/feedback${query({ urgency, open: open ? 'true' : undefined, pageSize: 50 })}`;
  const { data, error, reload } = useLoad((signal) => api<ApiPage<FeedbackItem>>(path, { signal }), [path]);
  return (
    <Page title={t('fb.queueTitle')}>
      {me?.role === 'controller' ? <OverviewTable /> : null}
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="fb-urgency"
          label={t('fb.urgency')}
          value={urgency}
          placeholder={t('queue.all')}
          onChange={(v) => set('han', v)}
          options={URGENCIES.map((u) => ({ value: u, label: t(`fb.urgency.${u}` as MessageKey) }))}
        />
        <Checkbox
          id="fb-open"
          label={t('fb.openOnly')}
          checked={open}
          onChange={(v) => set('tat-ca', v ? '' : '1')}
        />
      </form>
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <p role="status" className="muted">
            {t('fb.count', { n: data.total.toLocaleString('vi-VN') })}
          </p>
          {data.items.length === 0 ? (
            <p>{t('fb.empty')}</p>
          ) : (
            <TableRegion label={t('fb.queueTitle')}>
              <table>
                <caption className="visually-hidden">{t('fb.queueTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fb.code')}</th>
                    <th scope="col">{t('fb.titleField')}</th>
                    <th scope="col">{t('fb.status')}</th>
                    <th scope="col">{t('fb.received')}</th>
                    <th scope="col">{t('fb.dueAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.code}>
                      <td>
                        <Link href={`/can-bo/phan-anh/${encodeURIComponent(item.code)}`}>{item.code}</Link>
                      </td>
                      <td>{item.title}</td>
                      <td>{item.statusName}</td>
                      <td>{formatInstant(item.receivedAt)}</td>
                      <td>
                        <UrgencyTag item={item} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </>
      ) : null}
    </Page>
  );
}

function OverviewTable() {
  const { t } = useI18n();
  const year = new Date().getFullYear();
  const { data } = useLoad(
    (signal) =>
      api<Overview>(`/api/feedback/overview${query({ from: `${year}-01-01`, to: `${year}-12-31` })}`, {
        signal,
      }),
    [year],
  );
  if (!data || data.open.length === 0) return null;
  return (
    <section aria-labelledby="fb-overview">
      <h2 id="fb-overview">{t('fb.overviewTitle')}</h2>
      <TableRegion label={t('fb.overviewTitle')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fb.agency')}</th>
              <th scope="col">{t('fb.open')}</th>
              <th scope="col">{t('fb.urgency.overdue')}</th>
              <th scope="col">{t('fb.urgency.due_soon')}</th>
              <th scope="col">{t('fb.urgency.waiting')}</th>
              <th scope="col">{t('fb.progressOwed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.open.map((row) => (
              <tr key={row.agency ?? 'desk'}>
                <th scope="row">{row.agencyName ?? t('fb.deskName')}</th>
                <td>{row.open}</td>
                <td>{row.overdue}</td>
                <td>{row.dueSoon}</td>
                <td>{row.waiting}</td>
                <td>{row.progressOwed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
