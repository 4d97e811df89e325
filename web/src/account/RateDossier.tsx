import { type ReactNode, useState } from 'react';
import { api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, Radios, TextField } from '../components/fields';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

type Points = 0 | 1 | 2 | null;
const ANSWERED = ['i5', 'i6', 'i7', 'i8', 'i9'] as const;
type Answered = (typeof ANSWERED)[number];

interface OwnRating {
  open: boolean;
  changeable: boolean;
  changeableUntil: string | null;
  rating: {
    quick: 'very_satisfied' | 'satisfied' | 'not_satisfied';
    reason: string | null;
    computed: { i1: Points; i3: Points; i4: Points };
    answers: Record<Answered, Points>;
  } | null;
}

const QUICK = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;

/**
 * The applicant rates their returned dossier: the quick three levels, and the indicators of Circular 01/2018
 * only they can answer; what the record shows (time, contacts, agencies) the system computes itself.
 */
export function RateDossier({ code }: { code: string }) {
  const { t } = useI18n();
  const path = `/api/dossiers/${encodeURIComponent(code)}/rating`;
  const { data, reload } = useLoad((signal) => api<OwnRating>(path, { signal }), [path]);
  const [editing, setEditing] = useState(false);
  if (!data?.open) return null;
  const rated = data.rating;
  return (
    <section className="notice notice-action" aria-labelledby="rate-title">
      <h2 id="rate-title">{t('rate.title')}</h2>
      <p>{t('rate.lead')}</p>
      {rated && !editing ? (
        <div role="status">
          <p>
            <strong>{t('rate.thanks')}</strong>{' '}
            {t('rate.yours', { level: t(`rate.quick.${rated.quick}` as MessageKey) })}
          </p>
          <p>
            {t('rate.computed', {
              i1: String(rated.computed.i1 ?? '—'),
              i3: String(rated.computed.i3 ?? '—'),
              i4: String(rated.computed.i4 ?? '—'),
            })}
          </p>
          {data.changeable && data.changeableUntil ? (
            <>
              <p>{t('rate.until', { at: formatInstant(data.changeableUntil) })}</p>
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                {t('rate.change')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {(!rated || editing) && data.changeable ? (
        <RatingForm
          current={rated}
          send={(body) => api(path, { method: 'PUT', body })}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}

export interface RatingBody {
  quick: string;
  reason?: string;
  answers: Record<string, number>;
}

/**
 * The rating form of Circular 01/2018 (quick level, reason when not satisfied, indicators 5–9), for the
 * applicant online and for the front desk typing in a paper form; `before` and `check` add fields of the caller.
 */
export function RatingForm({
  current,
  send: sendBody,
  onDone,
  before,
  check,
  failureField = 'rate-quick-input',
}: {
  current: OwnRating['rating'];
  send(body: RatingBody): Promise<unknown>;
  onDone(): void;
  before?: ReactNode;
  check?: () => Errors;
  /** Where a refusal from the server points in the error summary. */
  failureField?: string;
}) {
  const { t } = useI18n();
  const [quick, setQuick] = useState<string>(current?.quick ?? '');
  const [reason, setReason] = useState(current?.reason ?? '');
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      ANSWERED.map((i) => [i, current?.answers[i] == null ? '' : String(current.answers[i])]),
    ),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const found: Errors = check ? check() : {};
    if (!quick) found['rate-quick-input'] = t('rate.errQuick');
    if (quick === 'not_satisfied' && reason.trim().length < 3) found['rate-reason'] = t('rate.errReason');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await sendBody({
        quick,
        ...(quick === 'not_satisfied' ? { reason: reason.trim() } : {}),
        answers: Object.fromEntries(
          Object.entries(answers)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, Number(v)]),
        ),
      });
      onDone();
    } catch (error) {
      setErrors(errorsFrom(error, () => failureField, failureField));
    } finally {
      setBusy(false);
    }
  };
  const points = ['2', '1', '0'].map((p) => ({ value: p, label: t(`rate.points.${p}` as MessageKey) }));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <ErrorSummary errors={errors} />
      {before}
      <Radios
        id="rate-quick"
        label={t('rate.quick')}
        value={quick}
        onChange={setQuick}
        error={errors['rate-quick-input']}
        options={QUICK.map((q) => ({ value: q, label: t(`rate.quick.${q}` as MessageKey) }))}
      />
      {quick === 'not_satisfied' ? (
        <TextField
          id="rate-reason"
          label={t('rate.reason')}
          value={reason}
          onChange={setReason}
          error={errors['rate-reason']}
          required
          multiline
        />
      ) : null}
      <details>
        <summary>{t('rate.more')}</summary>
        {ANSWERED.map((i) => (
          <Radios
            key={i}
            id={`rate-${i}`}
            label={t(`rate.${i}` as MessageKey)}
            value={answers[i] ?? ''}
            onChange={(v) => setAnswers((a) => ({ ...a, [i]: v }))}
            options={[...points, { value: '', label: t('rate.points.none') }]}
          />
        ))}
      </details>
      <button type="submit" disabled={busy}>
        {t('rate.send')}
      </button>
    </form>
  );
}
