import { useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, query } from '../api';
import { DueTag, StatusTag } from '../components/dossier-bits';
import { Checkbox, SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { OFFICER_ROLES } from '../session';
import type { DossierSummary } from '../types';

const STATUSES = [
  'submitted',
  'accepted',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawal_requested',
  'processed',
];

export default function QueuePage() {
  return (
    <RequireLogin roles={OFFICER_ROLES}>
      <Queue />
    </RequireLogin>
  );
}

/** The officer's work, most urgent step first; filters live in the address so a view can be shared. */
function Queue() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const scope = params.get('pham-vi') ?? 'mine';
  const status = params.get('tinh-trang') ?? '';
  const overdue = params.get('qua-han') === '1';
  const q = params.get('q') ?? '';
  const after = params.get('sau') ?? '';
  const [text, setText] = useState(q);
  const set = (name: string, value: string) =>
    setParams((p) => {
      if (value) p.set(name, value);
      else p.delete(name);
      // A new filter starts from the first page.
      if (name !== 'sau') p.delete('sau');
      return p;
    });
  const path = q
    ? `/api/dossiers${query({ q, pageSize: 50 })}`
    : `/api/queue${query({ scope, status, overdue: overdue ? 'true' : undefined, after: after || undefined, pageSize: 50 })}`;
  const { data, error, reload } = useLoad(
    (signal) =>
      api<ApiPage<DossierSummary> & { totalIsExact?: boolean; next?: string | null }>(path, { signal }),
    [path],
  );
  return (
    <Page title={t('queue.title')}>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          set('q', text.trim());
        }}
      >
        <SelectField
          id="scope"
          label={t('queue.scope')}
          value={scope}
          onChange={(v) => set('pham-vi', v)}
          options={[
            { value: 'mine', label: t('queue.mine') },
            { value: 'unit', label: t('queue.unit') },
            { value: 'agency', label: t('queue.agency') },
          ]}
        />
        <SelectField
          id="status"
          label={t('queue.status')}
          value={status}
          placeholder={t('queue.all')}
          onChange={(v) => set('tinh-trang', v)}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))}
        />
        <Checkbox
          id="overdue"
          label={t('queue.overdueOnly')}
          checked={overdue}
          onChange={(v) => set('qua-han', v ? '1' : '')}
        />
        <TextField id="q" type="search" label={t('queue.search')} value={text} onChange={setText} />
        <button type="submit" className="button-secondary">
          {t('queue.filter')}
        </button>
      </form>
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <p role="status" className="muted">
            {t(data.totalIsExact === false ? 'queue.countMore' : 'queue.count', {
              n: data.total.toLocaleString('vi-VN'),
            })}
          </p>
          {data.items.length === 0 ? (
            <p>{t('queue.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="queue">
                <caption className="visually-hidden">{t('queue.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('mine.code')}</th>
                    <th scope="col">{t('mine.procedure')}</th>
                    <th scope="col">{t('queue.applicant')}</th>
                    <th scope="col">{t('queue.step')}</th>
                    <th scope="col">{t('queue.stepDue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((d) => (
                    <tr key={d.code}>
                      <td>
                        <Link href={`/can-bo/ho-so/${encodeURIComponent(d.code)}`}>{d.code}</Link>
                      </td>
                      <td>{d.procedureName ?? d.procedureCode}</td>
                      <td>{d.applicantName}</td>
                      <td>
                        <StatusTag status={d.status} />
                        {d.stepName ? <span className="step-name">{d.stepName}</span> : null}
                      </td>
                      <td>
                        <DueTag dueAt={d.stepDueAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {after || data.next ? (
            <nav className="pager" aria-label={t('queue.title')}>
              {after ? (
                <button type="button" className="button-secondary" onClick={() => set('sau', '')}>
                  {t('queue.first')}
                </button>
              ) : null}
              {data.next ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => set('sau', data.next ?? '')}
                >
                  {t('queue.next')}
                </button>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
