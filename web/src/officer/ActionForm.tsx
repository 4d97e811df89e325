import { type FormEvent, useState } from 'react';
import { type Page as ApiPage, api, errorsFrom } from '../api';
import { FileField, uploadChosen } from '../components/FileField';
import { Checkbox, ErrorSummary, type Errors, SelectField, TextField } from '../components/fields';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { Dossier } from '../types';

export interface Available {
  action: string;
  toSteps?: { key: string; name: string }[];
}

type Values = Record<string, string>;

/** The fields each action needs (the API's action schema), with what to send. */
const FIELDS: Record<string, { name: string; label: MessageKey; kind?: 'multiline' | 'date' | 'number' }[]> =
  {
    accept: [{ name: 'note', label: 'field.note' }],
    request_supplement: [
      { name: 'items', label: 'field.items', kind: 'multiline' },
      { name: 'reason', label: 'field.reason', kind: 'multiline' },
    ],
    submit_supplement: [{ name: 'items', label: 'field.items', kind: 'multiline' }],
    request_payment: [
      { name: 'amount', label: 'field.amount' },
      { name: 'reason', label: 'field.paymentReason', kind: 'multiline' },
      { name: 'payBy', label: 'field.payBy', kind: 'date' },
    ],
    stop_processing: [{ name: 'reason', label: 'field.reason', kind: 'multiline' }],
    confirm_payment: [
      { name: 'reference', label: 'field.reference' },
      { name: 'note', label: 'field.note' },
    ],
    reject: [{ name: 'reason', label: 'field.reason', kind: 'multiline' }],
    forward: [{ name: 'note', label: 'field.note' }],
    send_back: [{ name: 'reason', label: 'field.reason', kind: 'multiline' }],
    consult: [
      { name: 'agencies', label: 'field.agencies' },
      { name: 'question', label: 'field.question', kind: 'multiline' },
      { name: 'workingDays', label: 'field.workingDays', kind: 'number' },
    ],
    answer_consultation: [{ name: 'answer', label: 'field.answer', kind: 'multiline' }],
    transfer: [
      { name: 'toAgency', label: 'field.toAgency' },
      { name: 'note', label: 'field.note' },
    ],
    approve: [{ name: 'note', label: 'field.note' }],
    refuse: [{ name: 'reason', label: 'field.reason', kind: 'multiline' }],
    sign: [],
    attach_result: [
      { name: 'title', label: 'field.resultTitle' },
      { name: 'validUntil', label: 'field.validUntil', kind: 'date' },
    ],
    issue_result: [{ name: 'resultNumber', label: 'field.resultNumber' }],
    withdraw: [{ name: 'reason', label: 'field.reason', kind: 'multiline' }],
    apologise: [
      { name: 'reason', label: 'field.reason', kind: 'multiline' },
      { name: 'newDueDate', label: 'field.newDueDate', kind: 'date' },
    ],
  };

type Files = Record<string, File[]>;

/** The names of the dossier's documents, as recorded at reception (what the counter digitises). */
function documentNames(dossier: Dossier): string[] {
  return (dossier.documents as { name?: unknown }[]).flatMap((d) =>
    typeof d.name === 'string' ? [d.name] : [],
  );
}

function bodyOf(
  action: string,
  version: number,
  v: Values,
  uploads: Record<string, string[]> = {},
  dossier?: Dossier,
  requested: string[] = [],
): Record<string, unknown> {
  const text = (name: string) => (v[name] ?? '').trim();
  const optional = (name: string) => (text(name) ? { [name]: text(name) } : {});
  const lines = (name: string) =>
    text(name)
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  switch (action) {
    case 'request_supplement':
      return { action, version, items: lines('items'), reason: text('reason') };
    case 'submit_supplement':
      return {
        action,
        version,
        // The requested items ticked as brought, each with its own scans, then any other document typed in.
        documents: [
          ...requested.flatMap((name, i) =>
            v[`brought-${i}`] === 'yes' ? [{ name, scans: uploads[`supp-${i}`] ?? [] }] : [],
          ),
          ...lines('items').map((name) => ({ name, scans: [] })),
        ].map(({ name, scans }) => ({
          name,
          form: 'copy',
          copies: 1,
          ...(scans.length > 0 ? { uploads: scans } : {}),
        })),
      };
    case 'request_payment':
      return {
        action,
        version,
        // "1250000" or "1.250.000"; anything else goes as typed, for the server to refuse with the field named.
        amount: /^(\d+|\d{1,3}(\.\d{3})+)$/.test(text('amount'))
          ? Number(text('amount').replace(/\./g, ''))
          : text('amount'),
        reason: text('reason'),
        ...optional('payBy'),
      };
    case 'confirm_payment':
      return { action, version, reference: text('reference'), ...optional('note') };
    case 'assign':
      return { action, version, assignee: text('assignee') };
    case 'forward':
      return { action, version, ...optional('toStep'), ...optional('note') };
    case 'send_back':
      return { action, version, toStep: text('toStep'), reason: text('reason') };
    case 'consult':
      return {
        action,
        version,
        agencies: text('agencies')
          .split(/[,\s]+/)
          .filter(Boolean),
        question: text('question'),
        workingDays: Number(text('workingDays') || '0'),
      };
    case 'answer_consultation':
      return { action, version, answer: text('answer') };
    case 'transfer':
      return { action, version, toAgency: text('toAgency'), ...optional('note') };
    case 'issue_result':
      return { action, version, ...optional('resultNumber') };
    case 'return_result':
      return { action, version, method: text('method') || 'counter' };
    case 'reject':
    case 'refuse':
    case 'withdraw':
    case 'stop_processing':
      return { action, version, reason: text('reason') };
    case 'apologise':
      return { action, version, reason: text('reason'), newDueDate: text('newDueDate') };
    case 'attach_result':
      return {
        action,
        version,
        uploads: uploads.result ?? [],
        kind: text('kind') || 'electronic',
        title: text('title'),
        ...optional('validUntil'),
      };
    case 'digitise':
      return {
        action,
        version,
        documents: (dossier ? documentNames(dossier) : []).map((name, i) => {
          const exemption = text(`exemption-${i}`);
          return exemption
            ? { name, exemption, reason: text(`reason-${i}`) }
            : { name, uploads: uploads[`doc-${i}`] ?? [] };
        }),
      };
    default:
      return { action, version, ...optional('note') };
  }
}

/** One action of the dossier page, with only the fields it needs; the server re-checks everything. */
export function ActionForm({
  dossier,
  available,
  requested = [],
  withdrawalReason = '',
  onDone,
}: {
  dossier: Dossier;
  available: Available;
  /** What the open supplement request asks for (submitting a supplement at the counter). */
  requested?: string[];
  /** Why the applicant asked to withdraw (stopping processing repeats it unless the officer words it). */
  withdrawalReason?: string;
  onDone(message: string): void;
}) {
  const { t } = useI18n();
  const { action } = available;
  const id = (name: string) => `${action}-${name}`;
  const [values, setValues] = useState<Values>({
    toStep: available.toSteps?.[0]?.key ?? '',
    ...(action === 'stop_processing' ? { reason: withdrawalReason } : {}),
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<Files>({});
  const choose = (key: string) => (list: FileList | null) =>
    setFiles((f) => ({ ...f, [key]: list ? Array.from(list) : [] }));
  const officers = useLoad(
    async (signal) =>
      action === 'assign'
        ? api<ApiPage<{ username: string; fullName: string }>>(
            `/api/agencies/${encodeURIComponent(dossier.handlingAgency)}/officers?role=processor`,
            { signal },
          )
        : null,
    [action, dossier.handlingAgency],
  );
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await api(`/api/dossiers/${encodeURIComponent(dossier.code)}/actions`, {
        method: 'POST',
        body: bodyOf(action, dossier.version, values, await uploadChosen(files), dossier, requested),
      });
      onDone(t('dossier.done', { action: t(`action.${action}` as MessageKey) }));
    } catch (error) {
      // Supplement documents are typed as lines of "items".
      setErrors(
        errorsFrom(
          error,
          (field) => id(field.split('.')[0] === 'documents' ? 'items' : (field.split('.')[0] ?? 'note')),
          `${action}-submit`,
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  const label = t(`action.${action}` as MessageKey);
  return (
    <form onSubmit={submit} noValidate className="action-form" aria-label={label}>
      <ErrorSummary errors={errors} />
      {available.toSteps && available.toSteps.length > 0 ? (
        <SelectField
          id={id('toStep')}
          label={t('field.toStep')}
          value={values.toStep ?? ''}
          onChange={set('toStep')}
          options={available.toSteps.map((s) => ({ value: s.key, label: s.name }))}
        />
      ) : null}
      {action === 'assign' ? (
        <SelectField
          id={id('assignee')}
          label={t('field.assignee')}
          value={values.assignee ?? ''}
          placeholder={t('apply.choose')}
          onChange={set('assignee')}
          error={errors[id('assignee')]}
          options={(officers.data?.items ?? []).map((o) => ({ value: o.username, label: o.fullName }))}
        />
      ) : null}
      {action === 'return_result' ? (
        <SelectField
          id={id('method')}
          label={t('field.method')}
          value={values.method ?? 'counter'}
          onChange={set('method')}
          options={(['counter', 'post', 'online'] as const).map((m) => ({
            value: m,
            label: t(`method.${m}`),
          }))}
        />
      ) : null}
      {action === 'attach_result' ? (
        <>
          <SelectField
            id={id('kind')}
            label={t('field.resultKind')}
            value={values.kind ?? 'electronic'}
            onChange={set('kind')}
            options={(['electronic', 'digitised'] as const).map((k) => ({
              value: k,
              label: t(`resultKind.${k}`),
            }))}
          />
          <FileField
            id={id('uploads')}
            label={t('field.resultFile')}
            hint={t('field.resultFileHint')}
            error={errors[id('uploads')]}
            onChange={choose('result')}
          />
        </>
      ) : null}
      {action === 'digitise'
        ? documentNames(dossier).map((name, i) => (
            <fieldset key={name} className="card">
              <legend>{name}</legend>
              <FileField
                id={id(`doc-${i}`)}
                label={t('field.scans', { name })}
                hint={t('field.scansHint')}
                error={errors[id(`documents-${i}`)]}
                onChange={choose(`doc-${i}`)}
              />
              <SelectField
                id={id(`exemption-${i}`)}
                label={t('field.exemption', { name })}
                value={values[`exemption-${i}`] ?? ''}
                onChange={set(`exemption-${i}`)}
                options={[
                  { value: '', label: t('exemption.none') },
                  { value: 'shown_only', label: t('exemption.shown_only') },
                  { value: 'classified', label: t('exemption.classified') },
                ]}
              />
              {values[`exemption-${i}`] ? (
                <TextField
                  id={id(`reason-${i}`)}
                  label={t('field.exemptionReason', { name })}
                  value={values[`reason-${i}`] ?? ''}
                  onChange={set(`reason-${i}`)}
                />
              ) : null}
            </fieldset>
          ))
        : null}
      {action === 'submit_supplement'
        ? requested.map((name, i) => (
            // Positions, not names: two requested items may read alike.
            // biome-ignore lint/suspicious/noArrayIndexKey: the requested list is fixed while the form is open
            <div key={i} className="card">
              <Checkbox
                id={id(`brought-${i}`)}
                label={name}
                checked={values[`brought-${i}`] === 'yes'}
                onChange={(checked) => set(`brought-${i}`)(checked ? 'yes' : '')}
              />
              <FileField
                id={id(`supp-${i}`)}
                label={t('field.scans', { name })}
                hint={t('field.scansHint')}
                onChange={(list) => {
                  choose(`supp-${i}`)(list);
                  if (list && list.length > 0) set(`brought-${i}`)('yes');
                }}
              />
            </div>
          ))
        : null}
      {(FIELDS[action] ?? []).map((f) => (
        <TextField
          key={f.name}
          id={id(f.name)}
          label={t(action === 'submit_supplement' && requested.length > 0 ? 'field.moreItems' : f.label)}
          value={values[f.name] ?? ''}
          onChange={set(f.name)}
          error={errors[id(f.name)]}
          {...(f.kind === 'multiline' ? { multiline: true } : {})}
          {...(f.kind === 'date' ? { type: 'date' as const } : {})}
          {...(f.kind === 'number' ? { type: 'number' as const, width: 'short' as const } : {})}
        />
      ))}
      <button type="submit" id={`${action}-submit`} disabled={busy}>
        {label}
      </button>
    </form>
  );
}
