import { useState } from 'react';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api } from '../api';
import { APPLICANT_LABELS } from '../apply/draft';
import { DossierNotices } from '../components/DossierNotices';
import { DueTag, StatusTag, Timeline } from '../components/dossier-bits';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { dossierPath, loadDossier } from '../dossier-load';
import { formatDate, formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { OFFICER_ROLES } from '../session';
import type { Dossier, DossierEvent, ProcedureDetail } from '../types';
import { ActionForm, type Available } from './ActionForm';
import { DossierFiles } from './DossierFiles';

const FORM_OF_EVENT: Record<string, string> = {
  accept: 'receipt',
  receive: 'receipt',
  request_supplement: 'supplement',
  reject: 'rejection',
  apologise: 'apology',
  withdraw: 'stop',
};

export default function OfficerDossier({ code }: { code: string }) {
  return (
    <RequireLogin roles={[...OFFICER_ROLES, 'controller', 'admin']}>
      <Detail code={code} />
    </RequireLogin>
  );
}

interface Loaded {
  procedure: ProcedureDetail | null;
  dossier: Dossier;
  events: DossierEvent[];
  actions: Available[];
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('line' in record) return [record.line, record.wardCode].filter(Boolean).join(', ');
    return Object.values(record).map(describe).join(', ');
  }
  return String(value);
}

/** The dossier as an officer works on it: who, what, the history, and only the actions open to them now. */
function Detail({ code }: { code: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const path = dossierPath(code);
  const { data, error, reload } = useLoad<Loaded>(
    async (signal) => {
      const [{ dossier, events }, actions] = await Promise.all([
        loadDossier(code, signal),
        api<ApiPage<Available>>(`${path}/actions`, { signal }),
      ]);
      const procedure = await api<ProcedureDetail>(
        `/api/procedures/${encodeURIComponent(dossier.procedureCode)}`,
        { signal },
      ).catch(() => null);
      return { procedure, dossier, events, actions: actions.items };
    },
    [path],
  );
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  const { dossier, events, actions, procedure } = data;
  const request = [...events].reverse().find((e) => e.action === 'request_supplement');
  const withdrawal = [...events].reverse().find((e) => e.action === 'request_withdrawal');
  const withdrawalReason = typeof withdrawal?.payload.reason === 'string' ? withdrawal.payload.reason : '';
  const requested =
    dossier.status === 'supplement_requested' && Array.isArray(request?.payload.items)
      ? (request.payload.items as unknown[]).filter((x): x is string => typeof x === 'string')
      : [];
  const schema = procedure?.documents.find((d) => d.formSchema)?.formSchema;
  const forms = [
    ...new Set([
      'control-slip',
      ...events.map((e) => FORM_OF_EVENT[e.action]).filter((f): f is string => !!f),
    ]),
  ];
  const documents = dossier.documents as { name: string; form: string; copies: number }[];
  return (
    <Page title={dossier.code}>
      {message ? (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>{t('mine.procedure')}</dt>
          <dd>{procedure ? `${procedure.name} (${dossier.procedureCode})` : dossier.procedureCode}</dd>
        </div>
        <div>
          <dt>{t('mine.status')}</dt>
          <dd>
            <StatusTag status={dossier.status} />
          </dd>
        </div>
        <div>
          <dt>{t('dossier.step')}</dt>
          <dd>{dossier.stepName ?? dossier.step ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('dossier.stepDue')}</dt>
          <dd>
            <DueTag dueAt={dossier.stepDueAt} />
          </dd>
        </div>
        <div>
          <dt>{t('mine.due')}</dt>
          <dd>{formatInstant(dossier.dueAt)}</dd>
        </div>
        <div>
          <dt>{t('dossier.channel')}</dt>
          <dd>{t(`channel.${dossier.channelName}` as MessageKey)}</dd>
        </div>
        {dossier.logbookNumber ? (
          <div>
            <dt>{t('dossier.logbook')}</dt>
            <dd>{dossier.logbookNumber}</dd>
          </div>
        ) : null}
      </dl>

      <DossierFiles code={dossier.code} version={dossier.version} />

      <section aria-labelledby="actions-heading" className="card">
        <h2 id="actions-heading">{t('dossier.actions')}</h2>
        {actions.length === 0 ? <p>{t('dossier.noActions')}</p> : null}
        {actions.map((a) => (
          <details key={a.action} className="action" open={actions.length === 1}>
            <summary>{t(`action.${a.action}` as MessageKey)}</summary>
            <ActionForm
              dossier={dossier}
              available={a}
              requested={requested}
              withdrawalReason={withdrawalReason}
              onDone={(text) => {
                setMessage(text);
                reload();
              }}
            />
          </details>
        ))}
      </section>

      <div className="two-columns">
        <section aria-labelledby="applicant-heading">
          <h2 id="applicant-heading">{t('dossier.applicant')}</h2>
          <dl className="summary-list compact">
            {Object.entries(dossier.applicant)
              .filter(([k]) => k !== 'kind')
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{APPLICANT_LABELS[k] ? t(APPLICANT_LABELS[k]) : k}</dt>
                  <dd>{describe(v)}</dd>
                </div>
              ))}
          </dl>
        </section>
        <section aria-labelledby="form-heading">
          <h2 id="form-heading">{t('dossier.form')}</h2>
          <dl className="summary-list compact">
            {Object.entries(dossier.formData).map(([k, v]) => (
              <div key={k}>
                <dt>{schema?.properties[k]?.title ?? k}</dt>
                <dd>{describe(v)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>

      <h2>{t('dossier.documents')}</h2>
      <ul>
        {documents.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same document may be submitted twice (supplements)
          <li key={`${d.name}-${i}`}>
            {d.name} — {t(`form.${d.form}` as MessageKey)} × {d.copies}
          </li>
        ))}
      </ul>

      <h2>{t('dossier.forms')}</h2>
      <ul>
        {forms.map((f) => (
          <li key={f}>
            <a href={`${path}/forms/${f}.pdf`} target="_blank" rel="noopener">
              {t(`formName.${f}` as MessageKey)} (PDF)
            </a>
          </li>
        ))}
      </ul>

      <DossierNotices code={dossier.code} canChoose={false} />
      <h2>{t('dossier.timeline')}</h2>
      <Timeline
        items={events.map((e) => ({
          key: String(e.seq),
          action: e.action,
          at: e.at,
          detail: [e.actorRole, e.toStep, e.note].filter(Boolean).join(' · '),
        }))}
      />
    </Page>
  );
}
