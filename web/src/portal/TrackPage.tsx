import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError, api } from '../api';
import { StatusTag, Timeline } from '../components/dossier-bits';
import { ErrorSummary, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import type { Tracked } from '../types';

/** Public tracking by code (what the receipt's QR code opens); no personal data is shown. */
export function TrackPage({ code }: { code?: string | undefined }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [text, setText] = useState(code ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) {
      setErrors({ 'track-code': t('track.required') });
      return;
    }
    setErrors({});
    navigate(`/tra-cuu/${encodeURIComponent(value)}`);
  };
  return (
    <Page title={t('track.title')} lead={t('track.lead')}>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} className="inline-form" noValidate>
        <TextField
          id="track-code"
          label={t('track.code')}
          hint={t('track.hint')}
          value={text}
          onChange={setText}
          error={errors['track-code']}
          autoComplete="off"
        />
        <button type="submit">{t('track.submit')}</button>
      </form>
      {code ? <TrackResult code={code} /> : null}
    </Page>
  );
}

function TrackResult({ code }: { code: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { data, error, reload } = useLoad(
    (signal) => api<Tracked>(`/api/track/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  if (error) {
    if (error instanceof ApiError && error.status === 404)
      return (
        <p className="notice notice-error" role="alert">
          {t('track.notFound')}
        </p>
      );
    return <Failure error={error} retry={reload} />;
  }
  if (!data) return <Loading />;
  return (
    <section aria-labelledby="track-result" className="card">
      <h2 id="track-result">{data.code}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t('track.status')}</dt>
          <dd>
            <StatusTag status={data.status} />
            {data.overdue ? <span className="tag tag-overdue">{t('track.overdue')}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('track.handling')}</dt>
          <dd>{data.handlingAgency}</dd>
        </div>
        <div>
          <dt>{t('track.received')}</dt>
          <dd>{formatInstant(data.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t('track.accepted')}</dt>
          <dd>{formatInstant(data.acceptedAt)}</dd>
        </div>
        <div>
          <dt>{t('track.due')}</dt>
          <dd>{formatInstant(data.dueAt)}</dd>
        </div>
        {data.finishedAt ? (
          <div>
            <dt>{t('track.finished')}</dt>
            <dd>{formatInstant(data.finishedAt)}</dd>
          </div>
        ) : null}
        {data.outcome ? (
          <div>
            <dt>{t('track.outcome')}</dt>
            <dd>{t(`outcome.${data.outcome}` as MessageKey)}</dd>
          </div>
        ) : null}
        {data.returnedAt ? (
          <div>
            <dt>{t('track.returned')}</dt>
            <dd>{formatInstant(data.returnedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {data.electronicResult ? (
        <p>
          {me ? (
            <a
              href={`/api/dossiers/${encodeURIComponent(data.code)}/result.pdf`}
              download={`${data.code}-ket-qua.pdf`}
            >
              {t('mine.signedResult')}
            </a>
          ) : (
            <Link href="/dang-nhap">{t('track.loginForResult')}</Link>
          )}
        </p>
      ) : null}
      <h3>{t('track.history')}</h3>
      <Timeline
        items={data.history.map((h, i) => ({
          key: String(i),
          action: h.action,
          at: h.at,
          detail: h.agency,
        }))}
      />
    </section>
  );
}
