import { type FormEvent, useState } from 'react';
import { RequireLogin } from '../account/RequireLogin';
import { api, errorsFrom } from '../api';
import {
  type ApplicantDraft,
  applicantBody,
  checkApplicant,
  checkGroup,
  emptyDraft,
  groupsOf,
  intakeFieldId,
} from '../apply/draft';
import { ApplicantFields, EFormFields, radioTargets, useTitleOf } from '../apply/form-fields';
import { Checkbox, ErrorSummary, type Errors, SelectField } from '../components/fields';
import { Failure, Page } from '../components/Page';
import { ProcedurePicker } from '../components/ProcedurePicker';
import { useLoad } from '../components/use-load';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { Dossier, ProcedureDetail } from '../types';
import { PopulationLookup, type Provenance } from './PopulationLookup';

export default function CounterIntake() {
  return (
    <RequireLogin roles={['receiver', 'postal']}>
      <Intake />
    </RequireLogin>
  );
}

type Received = Record<string, { checked: boolean; form: 'original' | 'copy' | 'certified_copy' }>;

/** What the receiver ticks by default: the form the list names, the original when it names none. */
const defaultForm = (form: string | null) =>
  form === 'copy' ? 'copy' : form === 'certified_copy' ? 'certified_copy' : 'original';

/** The receiver's fast path: procedure by typing, applicant, completeness checklist, receive, print. */
function Intake() {
  const { t } = useI18n();
  const [code, setCode] = useState<string | null>(null);
  const [done, setDone] = useState<Dossier | null>(null);
  const [round, setRound] = useState(0);
  const procedure = useLoad(
    async (signal) =>
      code ? api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code)}`, { signal }) : null,
    [code],
  );
  if (done) {
    const receipt = `/api/dossiers/${encodeURIComponent(done.code)}/forms/receipt.pdf`;
    return (
      <Page title={t('counter.received', { code: done.code })}>
        <p className="dossier-code" data-testid="dossier-code">
          {done.code}
        </p>
        <p>{t('counter.due', { date: formatInstant(done.dueAt) })}</p>
        <p className="button-row">
          <a className="button" href={receipt} target="_blank" rel="noopener" data-testid="receipt-link">
            {t('counter.print')}
          </a>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setDone(null);
              setCode(null);
              setRound((n) => n + 1);
            }}
          >
            {t('counter.another')}
          </button>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('counter.title')}>
      {code === null ? (
        <ProcedurePicker id="procedure" onChoose={(p) => setCode(p.code)} />
      ) : (
        <p>
          {t('counter.chosen', { name: procedure.data?.name ?? code })}{' '}
          <button type="button" className="link-button" onClick={() => setCode(null)}>
            {t('counter.changeProcedure')}
          </button>
        </p>
      )}
      {procedure.error ? <Failure error={procedure.error} retry={procedure.reload} /> : null}
      {procedure.data ? (
        <IntakeForm key={`${procedure.data.code}-${round}`} procedure={procedure.data} onDone={setDone} />
      ) : null}
    </Page>
  );
}

function IntakeForm({ procedure, onDone }: { procedure: ProcedureDetail; onDone(dossier: Dossier): void }) {
  const { t } = useI18n();
  const [applicant, setApplicant] = useState<ApplicantDraft>(emptyDraft().applicant);
  const [provenance, setProvenance] = useState<Provenance>({});
  const [form, setForm] = useState<Record<string, string>>({});
  const [received, setReceived] = useState<Received>(() =>
    Object.fromEntries(
      procedure.documents.map((d) => [d.name, { checked: false, form: defaultForm(d.form) }]),
    ),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const schema = procedure.documents.find((d) => d.formSchema)?.formSchema ?? null;
  const fields = groupsOf(schema).flatMap((g) => g.fields);
  const titleOf = useTitleOf(schema);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = { ...checkApplicant(t, applicant) };
    if (schema) Object.assign(found, checkGroup(t, schema, { title: '', fields }, form, titleOf));
    if (procedure.documents.length > 0 && !procedure.documents.some((d) => received[d.name]?.checked))
      found['doc-0'] = t('err.docs');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const dossier = await api<Dossier>('/api/dossiers', {
        method: 'POST',
        headers: { 'idempotency-key': key },
        body: {
          procedureCode: procedure.code,
          channel: 'counter',
          applicant: applicantBody(applicant),
          documents: procedure.documents
            .filter((d) => received[d.name]?.checked)
            // A document the published list gives no count for (0) is still handed in once when ticked.
            .map((d) => ({
              name: d.name,
              form: received[d.name]?.form ?? 'original',
              copies: Math.max(1, d.copies),
            })),
          formData: Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '')),
        },
      });
      onDone(dossier);
    } catch (error) {
      // Every field is on this page: the server's refusal shows against the field it names.
      setErrors(errorsFrom(error, intakeFieldId, 'submit'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} targets={radioTargets(schema, fields)} />
      <div className="two-columns">
        <fieldset className="group">
          <legend>{t('counter.applicant')}</legend>
          <PopulationLookup
            onFound={(fields, marks) => {
              setApplicant((a) => ({ ...a, ...fields }));
              setProvenance(marks);
            }}
          />
          <ApplicantFields
            value={applicant}
            errors={errors}
            provenance={provenance}
            onChange={(f, v) => {
              setApplicant((a) => ({ ...a, [f]: v }));
              // A value the officer changes is no longer the registry's.
              setProvenance(({ [f]: _changed, ...rest }) => rest);
            }}
          />
        </fieldset>
        <div>
          {schema ? (
            <fieldset className="group">
              <legend>{t('counter.eform')}</legend>
              <EFormFields
                schema={schema}
                fields={fields}
                values={form}
                errors={errors}
                onChange={(n, v) => setForm((x) => ({ ...x, [n]: v }))}
              />
            </fieldset>
          ) : null}
          <fieldset className={`group${errors['doc-0'] ? ' field-has-error' : ''}`}>
            <legend>{t('counter.checklist')}</legend>
            <p className="hint">{t('counter.checklistHint')}</p>
            {errors['doc-0'] ? <p className="field-error">{errors['doc-0']}</p> : null}
            {procedure.documents.length === 0 ? <p>{t('proc.noDocs')}</p> : null}
            {procedure.documents.map((d, i) => (
              <div key={d.name} className="checklist-row">
                <Checkbox
                  id={`doc-${i}`}
                  label={d.name}
                  checked={received[d.name]?.checked ?? false}
                  onChange={(checked) =>
                    setReceived((r) => ({ ...r, [d.name]: { form: r[d.name]?.form ?? 'original', checked } }))
                  }
                />
                <SelectField
                  id={`doc-${i}-form`}
                  label={`${t('proc.docForm')}: ${d.name}`}
                  value={received[d.name]?.form ?? 'original'}
                  onChange={(value) =>
                    setReceived((r) => ({
                      ...r,
                      [d.name]: { checked: r[d.name]?.checked ?? false, form: value as 'original' },
                    }))
                  }
                  options={(['original', 'copy', 'certified_copy'] as const).map((f) => ({
                    value: f,
                    label: t(`form.${f}` as MessageKey),
                  }))}
                />
              </div>
            ))}
          </fieldset>
        </div>
      </div>
      <button type="submit" id="submit" disabled={busy}>
        {t('counter.receive')}
      </button>
    </form>
  );
}
