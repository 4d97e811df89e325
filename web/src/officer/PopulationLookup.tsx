import { useState } from 'react';
import { api } from '../api';
import type { ApplicantDraft } from '../apply/draft';
import { Checkbox, TextField } from '../components/fields';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';

type LookupResult =
  | {
      kind: 'found';
      requestId: string;
      answeredAt: string;
      citizen: { fullName: string; birthDate: string; sex: 'male' | 'female'; permanentAddress: string };
    }
  | { kind: 'not_found' | 'refused' | 'unavailable'; requestId: string; message: string };

/** The applicant's fields a lookup filled, each with where it came from (shown beside the field). */
export type Provenance = Partial<Record<keyof ApplicantDraft, string>>;

/**
 * Checks an identity number against the national population database, with the applicant's consent given
 * at the counter, and fills the applicant's fields it answers for. Whatever the registry says — nobody
 * found, a refusal, an outage — the form stays as it was, to be filled by hand.
 */
export function PopulationLookup({
  onFound,
}: {
  onFound(fields: Partial<ApplicantDraft>, provenance: Provenance): void;
}) {
  const { t } = useI18n();
  const [idNumber, setIdNumber] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [answer, setAnswer] = useState<{ text: string; found: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async () => {
    const wanted = idNumber.trim();
    if (!/^\d{12}$/.test(wanted)) {
      setError(t('population.badId'));
      return;
    }
    if (!consent) {
      setError(t('population.needConsent'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const result = await api<LookupResult>('/api/population/lookups', {
        method: 'POST',
        body: {
          idNumber: wanted,
          purpose: 'prefill_dossier',
          consent: { given: true, method: 'counter_form' },
        },
      });
      if (result.kind !== 'found') {
        setAnswer({ text: result.message, found: false });
        return;
      }
      const mark = t('population.mark', {
        at: formatInstant(result.answeredAt),
        id: result.requestId,
      });
      const { citizen } = result;
      // A birth date the registry knows only in part (a year) is left for the officer to complete.
      const fullDate = /^\d{4}-\d{2}-\d{2}$/.test(citizen.birthDate);
      const fields: Partial<ApplicantDraft> = {
        idNumber: wanted,
        fullName: citizen.fullName,
        line: citizen.permanentAddress,
        ...(fullDate ? { birthDate: citizen.birthDate } : {}),
      };
      onFound(fields, Object.fromEntries(Object.keys(fields).map((field) => [field, mark])) as Provenance);
      setAnswer({
        text: t('population.filled', {
          sex: t(citizen.sex === 'male' ? 'population.male' : 'population.female'),
          mark,
        }),
        found: true,
      });
    } catch (failure) {
      setAnswer({ text: `${(failure as Error).message} ${t('population.byHand')}`, found: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="group">
      <legend>{t('population.title')}</legend>
      <p className="hint">{t('population.lead')}</p>
      <TextField
        id="population-id"
        label={t('population.idNumber')}
        value={idNumber}
        onChange={setIdNumber}
        inputMode="numeric"
        width="medium"
        error={error}
      />
      <Checkbox
        id="population-consent"
        label={t('population.consent')}
        checked={consent}
        onChange={setConsent}
      />
      <button type="button" className="button-secondary" onClick={lookUp} disabled={busy}>
        {t('population.lookUp')}
      </button>
      <div role="status">
        {answer ? (
          <p className={`notice ${answer.found ? 'notice-success' : 'notice-action'}`}>{answer.text}</p>
        ) : null}
      </div>
    </fieldset>
  );
}
