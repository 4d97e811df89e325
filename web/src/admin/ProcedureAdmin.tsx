import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { RequireLogin } from '../account/RequireLogin';
import { type Page as ApiPage, api, errorsFrom } from '../api';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatDate, formatInstant, vnDate } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { ADMIN_ROLES } from '../session';
import type { ProcedureDetail } from '../types';
import { DocumentsEditor } from './DocumentsEditor';
import { GuidanceForm } from './GuidanceForm';
import { budgetText, ProcessDiagram, type StepView } from './ProcessDiagram';
import { VersionFields } from './VersionFields';

interface Process {
  id: number;
  version: number;
  status: 'draft' | 'published';
  agencyCode: string | null;
  hoursPerDay: number | null;
  decisionNumber: string | null;
  effectiveDate: string | null;
  steps: (StepView & { unit: string | null })[];
}

export default function ProcedureAdmin({ code }: { code: string }) {
  return (
    <RequireLogin roles={ADMIN_ROLES}>
      <Editor code={code} />
    </RequireLogin>
  );
}

function Editor({ code }: { code: string }) {
  const { t } = useI18n();
  const path = `/api/procedures/${encodeURIComponent(code)}`;
  const procedure = useLoad((signal) => api<ProcedureDetail>(path, { signal }), [path]);
  if (procedure.error) return <Failure error={procedure.error} retry={procedure.reload} />;
  if (!procedure.data) return <Loading />;
  return (
    <Page title={procedure.data.name}>
      <p>
        <Link href="/quan-tri">{t('admin.procedures')}</Link> · {procedure.data.code} ·{' '}
        <Link href={`/quan-tri/thu-tuc/${encodeURIComponent(procedure.data.code)}/to-khai`}>
          {t('admin.builder')}
        </Link>
      </p>
      <EditForm key={procedure.data.code} procedure={procedure.data} onSaved={procedure.reload} />
      <DocumentsEditor key={procedure.data.code} procedure={procedure.data} onSaved={procedure.reload} />
      <Versions code={procedure.data.code} versionId={procedure.data.versionId} />
      <PublishForm procedure={procedure.data} onSaved={procedure.reload} />
      <Processes procedure={procedure.data} />
      <GuidanceForm key={procedure.data.code} procedure={procedure.data} onSaved={procedure.reload} />
    </Page>
  );
}

/** The reasons Decree 224/2026 art. 14 lets a procedure stay less than fully online. */
const REASONS = [
  'physical_presence',
  'on_site_verification',
  'other_legal',
  'technical_fault',
  'other_technical',
] as const;

function EditForm({ procedure, onSaved }: { procedure: ProcedureDetail; onSaved(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(procedure.name);
  const [value, setValue] = useState(
    procedure.timeLimit.value === null ? '' : String(procedure.timeLimit.value),
  );
  const [unit, setUnit] = useState<string>(procedure.timeLimit.unit);
  const [legal, setLegal] = useState(procedure.legalBasis ?? '');
  const [fee, setFee] = useState(String(procedure.fees[0]?.amount ?? 0));
  const [online, setOnline] = useState<string>(procedure.onlineLevel);
  const [reasonCode, setReasonCode] = useState<string>(procedure.onlineReason?.code ?? '');
  const [reasonText, setReasonText] = useState(procedure.onlineReason?.text ?? '');
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const amount = Number(fee.replace(/\./g, ''));
    const found: Errors = {};
    if (name.trim().length < 3) found['edit-name'] = `${t('admin.name')}: ${t('err.required')}`;
    if (value !== '' && !(Number(value) >= 0))
      found['edit-value'] = `${t('admin.timeValue')}: ${t('err.format')}`;
    if (!Number.isFinite(amount) || amount < 0) found['edit-fee'] = `${t('admin.fee')}: ${t('err.format')}`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const first = procedure.fees[0];
    try {
      await api(`/api/procedures/${encodeURIComponent(procedure.code)}`, {
        method: 'PUT',
        body: {
          name: name.trim().normalize('NFC'),
          timeLimit: { ...procedure.timeLimit, value: value === '' ? null : Number(value), unit },
          legalBasis: legal.trim() ? legal.trim().normalize('NFC') : null,
          // The full-online review is sent only when it changes: an edit of other content leaves a procedure
          // still waiting for its review as it is.
          ...(online !== procedure.onlineLevel ||
          reasonCode !== (procedure.onlineReason?.code ?? '') ||
          reasonText !== (procedure.onlineReason?.text ?? '')
            ? {
                onlineLevel: online,
                onlineReason:
                  online === 'full' || !reasonCode
                    ? null
                    : { code: reasonCode, text: reasonText.trim().normalize('NFC') },
              }
            : {}),
          fees: [
            {
              ...(first ?? { currency: 'VND', basis: null, exemptions: null }),
              amount,
              description: amount === 0 ? 'Miễn phí' : (first?.description ?? null),
            },
            ...procedure.fees.slice(1),
          ],
          ...(decision.trim() ? { decisionNumber: decision.trim().normalize('NFC') } : {}),
          ...(note.trim() ? { note: note.trim().normalize('NFC') } : {}),
        },
      });
      setDecision('');
      setNote('');
      setSaved(true);
      onSaved();
    } catch (error) {
      setErrors(errorsFrom(error, (field) => `edit-${field.split('.').pop()}`, 'edit-submit'));
    }
  };
  return (
    <section aria-labelledby="edit-heading" className="card">
      <h2 id="edit-heading">{t('admin.edit')}</h2>
      <ErrorSummary errors={errors} />
      {saved ? (
        <p className="notice notice-success" role="status">
          {t('admin.saved')}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField
          id="edit-name"
          label={t('admin.name')}
          value={name}
          onChange={setName}
          error={errors['edit-name']}
          multiline
        />
        <div className="row">
          <TextField
            id="edit-value"
            type="number"
            width="short"
            label={t('admin.timeValue')}
            value={value}
            onChange={setValue}
            error={errors['edit-value']}
          />
          <SelectField
            id="edit-unit"
            label={t('admin.timeUnit')}
            value={unit}
            onChange={setUnit}
            options={(['working_days', 'working_hours', 'days', 'same_day', 'unspecified'] as const).map(
              (u) => ({
                value: u,
                label: t(`unit.${u}` as MessageKey, { n: '…' }),
              }),
            )}
          />
        </div>
        <TextField
          id="edit-fee"
          label={t('admin.fee')}
          value={fee}
          onChange={setFee}
          inputMode="numeric"
          width="medium"
          error={errors['edit-fee']}
        />
        <SelectField
          id="edit-online"
          label={t('admin.onlineLevel')}
          value={online}
          onChange={setOnline}
          options={(['full', 'partial', 'none'] as const).map((o) => ({ value: o, label: t(`online.${o}`) }))}
        />
        {online === 'full' ? null : (
          <>
            <SelectField
              id="edit-reason-code"
              label={t('admin.onlineReason')}
              hint={t('admin.onlineReasonHint')}
              value={reasonCode}
              onChange={setReasonCode}
              placeholder={t('admin.onlineReasonPick')}
              options={REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
              error={errors['edit-onlineReason']}
            />
            <TextField
              id="edit-reason-text"
              label={t('admin.onlineReasonText')}
              value={reasonText}
              onChange={setReasonText}
              multiline
              error={errors['edit-text']}
            />
          </>
        )}
        <TextField id="edit-legal" label={t('admin.legal')} value={legal} onChange={setLegal} multiline />
        <VersionFields
          prefix="edit"
          decision={decision}
          onDecision={setDecision}
          note={note}
          onNote={setNote}
          errors={errors}
        />
        <button type="submit" id="edit-submit">
          {t('admin.save')}
        </button>
      </form>
    </section>
  );
}

interface Version {
  id: number;
  version: number;
  decisionNumber: string | null;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
}

/** The procedure's content versions: dossiers keep the one they were received under. */
function Versions({ code, versionId }: { code: string; versionId: number | null }) {
  const { t } = useI18n();
  const path = `/api/procedures/${encodeURIComponent(code)}/versions`;
  const list = useLoad((signal) => api<ApiPage<Version>>(path, { signal }), [path, versionId]);
  if (list.error) return <Failure error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <section aria-labelledby="versions-heading" className="card">
      <h2 id="versions-heading">{t('admin.versions')}</h2>
      <p className="hint">{t('admin.versionsLead')}</p>
      <ol reversed>
        {list.data.items.map((v) => (
          <li key={v.id}>
            {t('admin.versionLine', { v: v.version, at: formatInstant(v.createdAt), by: v.createdBy ?? '—' })}
            {v.decisionNumber ? ` · ${v.decisionNumber}` : ''}
            {v.note ? ` · ${v.note}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PublishForm({ procedure, onSaved }: { procedure: ProcedureDetail; onSaved(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState('amend');
  const [number, setNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(vnDate());
  const [effectiveDate, setEffectiveDate] = useState(vnDate());
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!number.trim()) {
      setErrors({ 'pub-decisionNumber': `${t('admin.decisionNumber')}: ${t('err.required')}` });
      return;
    }
    try {
      await api(`/api/procedures/${encodeURIComponent(procedure.code)}/publications`, {
        method: 'POST',
        body: { kind, decisionNumber: number.trim(), decisionDate, effectiveDate },
      });
      setErrors({});
      setDone(true);
      setNumber('');
      onSaved();
    } catch (error) {
      setErrors(errorsFrom(error, (field) => `pub-${field.split('.').pop()}`, 'pub-submit'));
    }
  };
  return (
    <section aria-labelledby="publish-heading" className="card">
      <h2 id="publish-heading">{t('admin.publish')}</h2>
      <ul>
        {procedure.publications.map((p) => (
          <li key={`${p.decisionNumber}-${p.kind}`}>
            {t(`admin.kind.${p.kind}` as MessageKey)}: {p.decisionNumber} ({formatDate(p.decisionDate)}) →{' '}
            {formatDate(p.effectiveDate)}
          </li>
        ))}
      </ul>
      <ErrorSummary errors={errors} />
      {done ? (
        <p className="notice notice-success" role="status">
          {t('admin.published')}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <SelectField
          id="pub-kind"
          label={t('admin.kind')}
          value={kind}
          onChange={setKind}
          options={(['publish', 'amend', 'abolish'] as const).map((k) => ({
            value: k,
            label: t(`admin.kind.${k}`),
          }))}
        />
        <TextField
          id="pub-decisionNumber"
          label={t('admin.decisionNumber')}
          value={number}
          onChange={setNumber}
          error={errors['pub-decisionNumber']}
          width="medium"
        />
        <div className="row">
          <TextField
            id="pub-decisionDate"
            type="date"
            label={t('admin.decisionDate')}
            value={decisionDate}
            onChange={setDecisionDate}
            error={errors['pub-decisionDate']}
          />
          <TextField
            id="pub-effectiveDate"
            type="date"
            label={t('admin.effectiveDate')}
            value={effectiveDate}
            onChange={setEffectiveDate}
            error={errors['pub-effectiveDate']}
          />
        </div>
        <button type="submit" id="pub-submit">
          {t('admin.publish')}
        </button>
      </form>
    </section>
  );
}

function Processes({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useI18n();
  const path = `/api/procedures/${encodeURIComponent(procedure.code)}/processes`;
  const list = useLoad((signal) => api<ApiPage<Process>>(path, { signal }), [path]);
  if (list.error) return <Failure error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  const published = list.data.items.filter((p) => p.status === 'published');
  const current = published[published.length - 1];
  return (
    <section aria-labelledby="process-heading" className="card">
      <h2 id="process-heading">{t('admin.process')}</h2>
      {current ? (
        <>
          <p>
            {t('admin.processVersion', {
              v: current.version,
              status: t(`admin.processStatus.${current.status}`),
            })}
            {current.decisionNumber
              ? ` · ${current.decisionNumber} (${formatDate(current.effectiveDate)})`
              : ''}
          </p>
          <StepsTable process={current} />
          <ProcessDiagram steps={current.steps} />
          <NewVersion key={current.id} procedure={procedure} base={current} onDone={list.reload} />
        </>
      ) : (
        <p>{t('admin.noProcess')}</p>
      )}
    </section>
  );
}

function StepsTable({ process }: { process: Process }) {
  const { t } = useI18n();
  const total = process.steps.reduce(
    (sum, s) => sum + (s.budget?.unit === 'working_days' ? s.budget.value : 0),
    0,
  );
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t('admin.process')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('admin.stepName')}</th>
            <th scope="col">{t('admin.stepRole')}</th>
            <th scope="col">{t('admin.stepBudget')}</th>
            <th scope="col">{t('admin.stepNext')}</th>
          </tr>
        </thead>
        <tbody>
          {process.steps.map((s, i) => (
            <tr key={s.key}>
              <td>{i + 1}</td>
              <td>{s.name}</td>
              <td>{t(`role.${s.role}` as MessageKey)}</td>
              <td>{s.budget ? budgetText(t, s.budget) : '—'}</td>
              <td>{s.next.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('admin.total')}
            </th>
            <td>{String(Math.round(total * 100) / 100).replace('.', ',')}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function NewVersion({
  procedure,
  base,
  onDone,
}: {
  procedure: ProcedureDetail;
  base: Process;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [budgets, setBudgets] = useState<Record<string, string>>(
    Object.fromEntries(base.steps.map((s) => [s.key, s.budget ? String(s.budget.value) : ''])),
  );
  const [number, setNumber] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(vnDate());
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    if (!number.trim()) {
      setErrors({ 'proc-decisionNumber': `${t('admin.decisionNumber')}: ${t('err.required')}` });
      return;
    }
    try {
      const steps = base.steps.map((s) => ({
        key: s.key,
        name: s.name,
        kind: s.kind,
        role: s.role,
        unit: s.unit,
        next: s.next,
        budget: s.budget && budgets[s.key] ? { ...s.budget, value: Number(budgets[s.key]) } : s.budget,
      }));
      const draft = await api<Process>(`/api/procedures/${encodeURIComponent(procedure.code)}/processes`, {
        method: 'POST',
        body: { agencyCode: base.agencyCode, hoursPerDay: base.hoursPerDay, steps },
      });
      const published = await api<Process>(`/api/processes/${draft.id}/publish`, {
        method: 'POST',
        body: { decisionNumber: number.trim(), effectiveDate },
      });
      setErrors({});
      setMessage(t('admin.processPublished', { v: published.version }));
      onDone();
    } catch (error) {
      setErrors(errorsFrom(error, (_field, i) => `proc-${i}`, 'proc-decisionNumber'));
    }
  };
  return (
    <form onSubmit={submit} noValidate className="new-version">
      <h3>{t('admin.newVersion')}</h3>
      <p className="hint">{t('admin.newVersionLead')}</p>
      <ErrorSummary errors={errors} />
      {message ? (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      ) : null}
      <div className="budget-grid">
        {base.steps
          .filter((s) => s.budget)
          .map((s) => (
            <TextField
              key={s.key}
              id={`budget-${s.key}`}
              type="number"
              width="short"
              label={`${s.name} (${t(`budgetUnit.${s.budget?.unit ?? 'working_days'}` as MessageKey)})`}
              value={budgets[s.key] ?? ''}
              onChange={(v) => setBudgets((b) => ({ ...b, [s.key]: v }))}
            />
          ))}
      </div>
      <div className="row">
        <TextField
          id="proc-decisionNumber"
          label={t('admin.decisionNumber')}
          value={number}
          onChange={setNumber}
          error={errors['proc-decisionNumber']}
        />
        <TextField
          id="proc-effectiveDate"
          type="date"
          label={t('admin.effectiveDate')}
          value={effectiveDate}
          onChange={setEffectiveDate}
        />
      </div>
      <button type="submit">{t('admin.newVersion')}</button>
    </form>
  );
}
