import { useState } from 'react';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, errorsFrom } from '../api';
import { Timeline } from '../components/dossier-bits';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { FEEDBACK_OFFICERS } from '../session';
import type { Agency } from '../types';
import type { OfficerFeedback } from './feedback-types';
import { UrgencyTag } from './UrgencyTag';

export default function FeedbackOfficer({ code }: { code: string }) {
  return (
    <RequireLogin roles={FEEDBACK_OFFICERS}>
      <Detail code={code} />
    </RequireLogin>
  );
}

function Detail({ code }: { code: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const { data, error, reload } = useLoad(
    (signal) => api<OfficerFeedback>(`/api/feedback/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  if (error) return <Failure error={error} retry={reload} />;
  if (!data) return <Loading />;
  const submitter = data.submitter
    ? [data.submitter.name, data.submitter.phone, data.submitter.email, data.submitter.address]
        .filter(Boolean)
        .join(' · ')
    : t('fb.anonymous');
  return (
    <Page title={data.code}>
      {message ? (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>{t('fb.titleField')}</dt>
          <dd>{data.title}</dd>
        </div>
        <div>
          <dt>{t('fb.content')}</dt>
          <dd>{data.content}</dd>
        </div>
        <div>
          <dt>{t('fb.sender')}</dt>
          <dd>{submitter}</dd>
        </div>
        <div>
          <dt>{t('fb.status')}</dt>
          <dd>{data.statusName}</dd>
        </div>
        <div>
          <dt>{t('fb.received')}</dt>
          <dd>{formatInstant(data.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t('fb.dueAt')}</dt>
          <dd>
            <UrgencyTag item={data} />
          </dd>
        </div>
        {data.answer ? (
          <div>
            <dt>{t('fb.answer')}</dt>
            <dd>{data.answer}</dd>
          </div>
        ) : null}
        {data.attachments.length > 0 ? (
          <div>
            <dt>{t('fb.filesAttached')}</dt>
            <dd>
              <ul>
                {data.attachments.map((file) => (
                  <li key={file.n}>
                    <a href={`/api/feedback/${encodeURIComponent(data.code)}/attachments/${file.n}`}>
                      {file.name}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="fb-actions" className="card">
        <h2 id="fb-actions">{t('dossier.actions')}</h2>
        {data.actions.length === 0 ? <p>{t('dossier.noActions')}</p> : null}
        {data.actions.map((action) => (
          <details key={action} className="action" open={data.actions.length === 1}>
            <summary>{t(`fb.action.${action}` as MessageKey)}</summary>
            <ActionForm
              item={data}
              action={action}
              onDone={(name) => {
                setMessage(t('fb.done', { name }));
                reload();
              }}
            />
          </details>
        ))}
      </section>
      <h2>{t('fb.history')}</h2>
      <Timeline
        items={data.events.map((e) => ({
          key: String(e.seq),
          action: `feedback.${e.action}`,
          at: e.at,
          detail: e.note,
        }))}
      />
    </Page>
  );
}

type Values = Record<string, string>;

/** The text fields of each action, as the API's action schema names them. */
const FIELDS: Record<string, { name: string; label: MessageKey; multiline?: boolean; hint?: MessageKey }[]> =
  {
    log: [{ name: 'note', label: 'fb.note' }],
    request_clarification: [{ name: 'question', label: 'fb.question', multiline: true }],
    classify: [{ name: 'reason', label: 'fb.reason', multiline: true }],
    progress: [{ name: 'text', label: 'fb.text', multiline: true }],
    handle: [{ name: 'result', label: 'fb.result', multiline: true }],
    answer: [{ name: 'answer', label: 'fb.answer', multiline: true }],
    publish: [
      { name: 'publicTitle', label: 'fb.publicTitle' },
      { name: 'publicQuestion', label: 'fb.publicQuestion', multiline: true, hint: 'fb.publicHint' },
      { name: 'publicAnswer', label: 'fb.publicAnswer', multiline: true },
    ],
  };

const OUTCOMES = ['within_competence', 'staff_conduct', 'outside_competence', 'not_accepted'] as const;

/** What to fill in first: the item's own texts for publishing, so the controller edits rather than retypes. */
function initialValues(item: OfficerFeedback, action: string): Values {
  if (action === 'publish')
    return { publicTitle: item.title, publicQuestion: item.content, publicAnswer: item.answer ?? '' };
  if (action === 'classify') return { outcome: 'within_competence' };
  return {};
}

function ActionForm({
  item,
  action,
  onDone,
}: {
  item: OfficerFeedback;
  action: string;
  onDone(name: string): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(() => initialValues(item, action));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const agencies = useLoad(
    (signal) =>
      action === 'classify'
        ? api<ApiPage<Agency>>('/api/agencies?level=province&pageSize=200', { signal })
        : Promise.resolve(null),
    [action],
  );
  const id = (name: string) => `fbf-${action}-${name}`;
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const label = t(`fb.action.${action}` as MessageKey);
  const outcome = values.outcome ?? '';
  const needsAgency =
    action === 'classify' && (outcome === 'within_competence' || outcome === 'staff_conduct');
  const needsForward = action === 'classify' && outcome === 'outside_competence';

  const send = async () => {
    const body: Record<string, unknown> = { action, version: item.version };
    for (const field of FIELDS[action] ?? []) {
      const value = (values[field.name] ?? '').trim();
      if (value) body[field.name] = value;
    }
    if (action === 'classify') {
      body.outcome = outcome;
      if (needsAgency && values.toAgency) body.toAgency = values.toAgency;
      if (needsForward && values.forwardTo?.trim()) body.forwardTo = values.forwardTo.trim();
    }
    setBusy(true);
    try {
      await api(`/api/feedback/${encodeURIComponent(item.code)}/actions`, { method: 'POST', body });
      onDone(label);
    } catch (error) {
      setErrors(errorsFrom(error, (field) => id(field), id((FIELDS[action] ?? [])[0]?.name ?? 'submit')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      className="action-form"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <ErrorSummary errors={errors} />
      {action === 'classify' ? (
        <>
          <SelectField
            id={id('outcome')}
            label={t('fb.outcome')}
            value={outcome}
            onChange={set('outcome')}
            error={errors[id('outcome')]}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`fb.outcome.${o}` as MessageKey) }))}
          />
          {needsAgency ? (
            <SelectField
              id={id('toAgency')}
              label={t('fb.toAgency')}
              value={values.toAgency ?? ''}
              placeholder={t('apply.choose')}
              onChange={set('toAgency')}
              error={errors[id('toAgency')]}
              options={(agencies.data?.items ?? []).map((a) => ({ value: a.code, label: a.name }))}
            />
          ) : null}
          {needsForward ? (
            <TextField
              id={id('forwardTo')}
              label={t('fb.forwardTo')}
              value={values.forwardTo ?? ''}
              onChange={set('forwardTo')}
              error={errors[id('forwardTo')]}
            />
          ) : null}
        </>
      ) : null}
      {(FIELDS[action] ?? []).map((field) => (
        <TextField
          key={field.name}
          id={id(field.name)}
          label={t(field.label)}
          {...(field.hint ? { hint: t(field.hint) } : {})}
          value={values[field.name] ?? ''}
          onChange={set(field.name)}
          error={errors[id(field.name)]}
          {...(field.multiline ? { multiline: true } : {})}
        />
      ))}
      <button type="submit" id={id('submit')} disabled={busy}>
        {label}
      </button>
    </form>
  );
}
