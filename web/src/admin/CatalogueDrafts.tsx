import { type FormEvent, useState } from 'react';
import { type Page as ApiPage, api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, TextField } from '../components/fields';
import { Failure, Loading } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatInstant, vnDate } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

interface Draft {
  id: number;
  code: string;
  change: 'new' | 'amended' | 'abolished';
  name: string | null;
  field: string | null;
  changedAt: string;
  review: unknown[];
}

/**
 * Changes of the national procedure database waiting for a decision of the province: each is published by a
 * decision (a new procedure, a new version, an abolition) or set aside with a reason. Nothing from the national
 * database reaches the catalogue otherwise.
 */
export function CatalogueDrafts() {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const { data, error, reload } = useLoad(
    (signal) => api<ApiPage<Draft>>('/api/catalog/drafts?pageSize=50', { signal }),
    [],
  );
  const done = (text: string) => {
    setMessage(text);
    reload();
  };
  return (
    <section aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">{t('drafts.heading')}</h2>
      <p className="hint">{t('drafts.lead')}</p>
      {message ? (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      ) : null}
      {error ? <Failure error={error} retry={reload} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('drafts.none')}</p> : null}
      {data?.items.map((draft) => (
        <details key={draft.id} className="card">
          <summary>
            {t(`drafts.change.${draft.change}` as MessageKey)} · {draft.code}
            {draft.name ? ` · ${draft.name}` : ''}
          </summary>
          <p>
            {t('drafts.changedAt', { at: formatInstant(draft.changedAt) })}
            {draft.field ? ` · ${draft.field}` : ''}
            {draft.review.length > 0 ? ` · ${t('drafts.review', { n: String(draft.review.length) })}` : ''}
          </p>
          <Decide draft={draft} onDone={done} />
        </details>
      ))}
    </section>
  );
}

function Decide({ draft, onDone }: { draft: Draft; onDone(message: string): void }) {
  const { t } = useI18n();
  const id = (name: string) => `draft${draft.id}-${name}`;
  const [number, setNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(vnDate());
  const [effectiveDate, setEffectiveDate] = useState(vnDate());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const send = (path: 'publish' | 'dismiss', body: Record<string, string>, doneText: string) => async () => {
    setErrors({});
    try {
      await api(`/api/catalog/drafts/${draft.id}/${path}`, { method: 'POST', body });
      onDone(doneText);
    } catch (error) {
      setErrors(errorsFrom(error, (field) => id(field.split('.').pop() ?? path), id(path)));
    }
  };
  const submit = (action: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    void action();
  };
  return (
    <>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        aria-label={t('drafts.publish')}
        onSubmit={submit(
          send(
            'publish',
            { decisionNumber: number.trim().normalize('NFC'), decisionDate, effectiveDate },
            t('drafts.published', { code: draft.code }),
          ),
        )}
      >
        <TextField
          id={id('decisionNumber')}
          label={t('admin.decisionNumber')}
          value={number}
          onChange={setNumber}
          error={errors[id('decisionNumber')]}
          width="medium"
        />
        <div className="row">
          <TextField
            id={id('decisionDate')}
            type="date"
            label={t('admin.decisionDate')}
            value={decisionDate}
            onChange={setDecisionDate}
            error={errors[id('decisionDate')]}
          />
          <TextField
            id={id('effectiveDate')}
            type="date"
            label={t('admin.effectiveDate')}
            value={effectiveDate}
            onChange={setEffectiveDate}
            error={errors[id('effectiveDate')]}
          />
        </div>
        <button type="submit" id={id('publish')}>
          {t('drafts.publish')}
        </button>
      </form>
      <form
        noValidate
        aria-label={t('drafts.dismiss')}
        onSubmit={submit(
          send(
            'dismiss',
            { reason: reason.trim().normalize('NFC') },
            t('drafts.dismissed', { code: draft.code }),
          ),
        )}
      >
        <TextField
          id={id('reason')}
          label={t('drafts.reason')}
          value={reason}
          onChange={setReason}
          error={errors[id('reason')]}
        />
        <button type="submit" className="button-secondary" id={id('dismiss')}>
          {t('drafts.dismiss')}
        </button>
      </form>
    </>
  );
}
