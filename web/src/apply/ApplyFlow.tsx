import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { api, errorsFrom, sendFile } from '../api';
import { useTimeLimitText } from '../components/dossier-bits';
import { Checkbox, ErrorSummary, type Errors, Radios, TextField } from '../components/fields';
import { Failure, Loading, Page } from '../components/Page';
import { useLoad } from '../components/use-load';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { type Me, useSession } from '../session';
import type { Dossier, FormSchema, ProcedureDetail, WalletItem } from '../types';
import {
  APPLICANT_LABELS,
  applicantBody,
  applicantFor,
  type Capacity,
  checkApplicant,
  checkGroup,
  clearDraft,
  type Draft,
  documentBody,
  emptyDraft,
  type Filer,
  type Group,
  groupsOf,
  intakeFieldId,
  loadDraft,
  lockedFields,
  representativeBody,
  saveDraft,
} from './draft';
import { ApplicantFields, EFormFields, radioTargets, useTitleOf, useWards } from './form-fields';

const DONE_KEY = 'motcua.submitted';

/**
 * Online submission, one thing per page: start → applicant → e-form groups → documents → check answers →
 * declaration and submit → confirmation.
 */
export default function ApplyFlow({ code, step }: { code: string; step: string }) {
  const { me, ready } = useSession();
  const procedure = useLoad(
    (signal) => api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  if (procedure.error) return <Failure error={procedure.error} retry={procedure.reload} />;
  if (!procedure.data || !ready) return <Loading />;
  if (step === 'hoan-thanh') return <Confirmation procedure={procedure.data} />;
  if (step === 'bat-dau' || !me || me.role !== 'citizen')
    return <Start procedure={procedure.data} signedIn={me !== null} citizen={me?.role === 'citizen'} />;
  return <Steps procedure={procedure.data} step={step} fullName={me.fullName} verified={me.verified} />;
}

function Start({
  procedure,
  signedIn,
  citizen,
}: {
  procedure: ProcedureDetail;
  signedIn: boolean;
  citizen: boolean;
}) {
  const { t } = useI18n();
  const timeText = useTimeLimitText();
  const base = `/thu-tuc/${encodeURIComponent(procedure.code)}/nop`;
  return (
    <Page title={procedure.name} lead={t('apply.startLead')}>
      <h2>{t('apply.before')}</h2>
      <ul>
        {procedure.documents.map((d) => (
          <li key={d.name}>
            {d.name} ({t(`form.${d.form}` as MessageKey)})
          </li>
        ))}
        <li>{t('apply.time', { time: timeText(procedure.timeLimit) })}</li>
      </ul>
      {citizen ? (
        <Link href={`${base}/nguoi-nop`} className="button button-start">
          {t('apply.start')}
        </Link>
      ) : (
        <>
          {signedIn ? <p className="notice">{t('apply.needCitizen')}</p> : null}
          <Link
            href={`/dang-nhap?tiep=${encodeURIComponent(`${base}/nguoi-nop`)}`}
            className="button button-start"
          >
            {t('apply.needLogin')}
          </Link>
        </>
      )}
    </Page>
  );
}

interface StepProps {
  procedure: ProcedureDetail;
  /** The person signed in, with what VNeID verified of them. */
  filer: Filer;
  draft: Draft;
  update(change: (draft: Draft) => Draft): void;
  next(): void;
  back: string;
  progress: string;
}

function Steps({
  procedure,
  step,
  fullName,
  verified,
}: {
  procedure: ProcedureDetail;
  step: string;
  fullName: string;
  verified: Me['verified'];
}) {
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const filer: Filer = { fullName, verified };
  const [draft, setDraft] = useState<Draft>(() => loadDraft(procedure.code) ?? emptyDraft(filer));
  const schema = procedure.documents.find((d) => d.formSchema)?.formSchema ?? null;
  const groups = groupsOf(schema);
  const order = ['nguoi-nop', ...groups.map((_, i) => `to-khai-${i + 1}`), 'giay-to', 'kiem-tra', 'cam-doan'];
  const index = Math.max(0, order.indexOf(step));
  const base = `/thu-tuc/${encodeURIComponent(procedure.code)}/nop`;
  const returnToCheck = params.get('quay-lai') === 'kiem-tra';
  const update = (change: (d: Draft) => Draft) =>
    setDraft((current) => {
      const next = change(current);
      saveDraft(procedure.code, next);
      return next;
    });
  useEffect(() => saveDraft(procedure.code, draft), [procedure.code, draft]);
  const props: StepProps = {
    procedure,
    filer,
    draft,
    update,
    next: () => navigate(`${base}/${returnToCheck ? 'kiem-tra' : order[index + 1]}`),
    back: index === 0 ? `${base}` : `${base}/${order[index - 1]}`,
    progress: `${index + 1} / ${order.length}`,
  };
  const current = order[index] ?? 'nguoi-nop';
  if (current === 'nguoi-nop') return <ApplicantStep key={current} {...props} />;
  if (current.startsWith('to-khai-') && schema) {
    const group = groups[Number(current.slice('to-khai-'.length)) - 1] as Group;
    return <FormGroupStep key={current} {...props} schema={schema} group={group} />;
  }
  if (current === 'giay-to') return <DocumentsStep key={current} {...props} />;
  if (current === 'kiem-tra')
    return <CheckStep key={current} {...props} schema={schema} groups={groups} base={base} />;
  return <DeclarationStep key={current} {...props} schema={schema} base={base} />;
}

function StepPage({
  title,
  progress,
  back,
  errors,
  onSubmit,
  children,
  submitLabel,
  busy,
  targets,
}: {
  targets?: Record<string, string>;
  title: string;
  progress: string;
  back: string;
  errors: Errors;
  onSubmit(): void;
  children: ReactNode;
  submitLabel?: string;
  busy?: boolean;
}) {
  const { t } = useI18n();
  const [n, total] = progress.split(' / ');
  return (
    <>
      <Link href={back} className="back-link">
        {t('apply.back')}
      </Link>
      <p className="caption">{t('apply.stepOf', { i: n ?? '', n: total ?? '' })}</p>
      <ErrorSummary errors={errors} {...(targets ? { targets } : {})} />
      <Page title={title}>
        <form
          noValidate
          className="narrow"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {children}
          <button type="submit" disabled={busy}>
            {submitLabel ?? t('apply.continue')}
          </button>
        </form>
      </Page>
    </>
  );
}

/**
 * The applicant. A citizen who came through VNeID applies for themselves (name, identity number and birth date
 * as verified, not editable), for the organisation VNeID says they represent at law, or for someone else under
 * an authorisation they name; the server holds them to the same rule.
 */
function ApplicantStep({ filer, draft, update, next, back, progress }: StepProps) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Errors>({});
  const capacity = draft.capacity ?? 'self';
  const organisation = filer.verified?.organisation ?? null;
  const verifiedHint = t('apply.verifiedByVneid');
  const locked = lockedFields(capacity, filer);
  const provenance = Object.fromEntries(locked.map((field) => [field, verifiedHint]));
  const choose = (value: string) =>
    update((d) => {
      const chosen = value as Capacity;
      return { ...d, capacity: chosen, applicant: applicantFor(chosen, filer, d.applicant) };
    });
  return (
    <StepPage
      title={t('apply.applicant')}
      progress={progress}
      back={back}
      errors={errors}
      onSubmit={() => {
        const found = checkApplicant(t, draft.applicant, capacity, draft.authorisation ?? '');
        setErrors(found);
        if (Object.keys(found).length === 0) next();
      }}
    >
      {filer.verified ? (
        <Radios
          id="capacity"
          label={t('apply.capacity')}
          value={capacity}
          onChange={choose}
          options={[
            { value: 'self', label: t('apply.capacitySelf') },
            ...(organisation
              ? [
                  {
                    value: 'organisation',
                    label: t('apply.capacityOrganisation', {
                      name: organisation.name,
                      taxCode: organisation.taxCode,
                    }),
                  },
                ]
              : []),
            { value: 'authorised', label: t('apply.capacityAuthorised') },
          ]}
        />
      ) : null}
      {capacity === 'authorised' ? (
        <TextField
          id="a-authorisation"
          label={t('apply.authorisation')}
          hint={t('apply.authorisationHint')}
          value={draft.authorisation ?? ''}
          onChange={(value) => update((d) => ({ ...d, authorisation: value.normalize('NFC') }))}
          error={errors['a-authorisation']}
          required
        />
      ) : null}
      <ApplicantFields
        value={draft.applicant}
        errors={errors}
        kind={capacity === 'organisation' ? 'organisation' : 'person'}
        locked={locked}
        provenance={provenance}
        onChange={(field, value) => update((d) => ({ ...d, applicant: { ...d.applicant, [field]: value } }))}
      />
    </StepPage>
  );
}

function FormGroupStep({
  draft,
  update,
  next,
  back,
  progress,
  schema,
  group,
}: StepProps & { schema: FormSchema; group: Group }) {
  const { t, lang } = useI18n();
  const [errors, setErrors] = useState<Errors>({});
  const titleOf = useTitleOf(schema);
  return (
    <StepPage
      title={lang === 'en' && group.titleEn ? group.titleEn : group.title}
      progress={progress}
      back={back}
      errors={errors}
      targets={radioTargets(schema, group.fields)}
      onSubmit={() => {
        const found = checkGroup(t, schema, group, draft.form, titleOf);
        setErrors(found);
        if (Object.keys(found).length === 0) next();
      }}
    >
      <EFormFields
        schema={schema}
        fields={group.fields}
        values={draft.form}
        errors={errors}
        onChange={(name, value) => update((d) => ({ ...d, form: { ...d.form, [name]: value } }))}
      />
    </StepPage>
  );
}

interface Uploaded {
  id: string;
  name: string;
  pages: number | null;
}

interface WalletOffers {
  items: WalletItem[];
  offers: { document: string; itemIds: number[] }[];
}

/**
 * Each required document: ticked as brought, with files uploaded from the phone's camera or as PDF, or an item
 * of the data wallet reused with consent (the portal offers the items that match).
 */
function DocumentsStep({ procedure, draft, update, next, back, progress }: StepProps) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<string | null>(null);
  const wallet = useLoad(
    (signal) =>
      api<WalletOffers>(`/api/me/wallet?procedure=${encodeURIComponent(procedure.code)}`, { signal }),
    [procedure.code],
  );
  const chosenFromWallet = Object.values(draft.wallet ?? {}).length > 0;
  const upload = async (name: string, index: number, files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(name);
    const { [`file-${index}`]: _, ...rest } = errors;
    setErrors(rest);
    try {
      const added: Uploaded[] = [];
      for (const file of Array.from(files)) {
        const answer = await sendFile<Uploaded>('/api/uploads', file);
        added.push({ id: answer.id, name: answer.name, pages: answer.pages });
      }
      update((x) => ({
        ...x,
        documents: { ...x.documents, [name]: true },
        files: { ...x.files, [name]: [...(x.files?.[name] ?? []), ...added] },
      }));
    } catch (error) {
      setErrors({ ...rest, [`file-${index}`]: `${name}: ${(error as Error).message}` });
    } finally {
      setBusy(null);
    }
  };
  const removeFiles = (name: string) => update((x) => ({ ...x, files: { ...x.files, [name]: [] } }));
  const chooseWallet = (name: string, itemId: number | null) =>
    update((x) => {
      const { [name]: _, ...others } = x.wallet ?? {};
      return {
        ...x,
        documents: itemId ? { ...x.documents, [name]: true } : x.documents,
        wallet: itemId ? { ...others, [name]: itemId } : others,
      };
    });
  return (
    <StepPage
      title={t('apply.documents')}
      progress={progress}
      back={back}
      errors={errors}
      onSubmit={() => {
        const found: Errors = {};
        if (procedure.documents.length > 0 && !procedure.documents.some((d) => draft.documents[d.name]))
          found['doc-0'] = t('err.docs');
        if (chosenFromWallet && !draft.reuseConsent) found['reuse-consent'] = t('err.reuseConsent');
        setErrors(found);
        if (Object.keys(found).length === 0 && busy === null) next();
      }}
    >
      <fieldset className={`field${errors['doc-0'] ? ' field-has-error' : ''}`}>
        <legend>{t('apply.documentsLead')}</legend>
        {errors['doc-0'] ? <p className="field-error">{errors['doc-0']}</p> : null}
        <div className="choices">
          {procedure.documents.map((d, i) => {
            const files = draft.files?.[d.name] ?? [];
            const offered = wallet.data?.offers.find((o) => o.document === d.name)?.itemIds ?? [];
            const items = wallet.data?.items.filter((item) => offered.includes(item.id)) ?? [];
            const fromWallet = draft.wallet?.[d.name] ?? null;
            return (
              <div key={d.name} className="card">
                <Checkbox
                  id={`doc-${i}`}
                  label={`${d.name} — ${t(`form.${d.form}` as MessageKey)}`}
                  checked={draft.documents[d.name] ?? false}
                  onChange={(checked) =>
                    update((x) => ({ ...x, documents: { ...x.documents, [d.name]: checked } }))
                  }
                />
                {items.length > 0 ? (
                  <div className="field">
                    <label htmlFor={`wallet-${i}`}>{t('apply.fromWallet')}</label>
                    <select
                      id={`wallet-${i}`}
                      value={fromWallet ?? ''}
                      onChange={(e) => chooseWallet(d.name, e.target.value ? Number(e.target.value) : null)}
                    >
                      <option value="">{t('apply.walletNone')}</option>
                      {items.map((item) => (
                        <option key={item.id} value={item.id}>
                          {t('apply.walletItem', {
                            title: item.title,
                            dossier: item.provenance.dossierCode,
                            agency: item.provenance.agencyName,
                          })}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                {fromWallet ? null : (
                  <div className={`field${errors[`file-${i}`] ? ' field-has-error' : ''}`}>
                    <label htmlFor={`file-${i}`}>{t('apply.upload', { name: d.name })}</label>
                    <p className="hint" id={`file-${i}-hint`}>
                      {t('apply.uploadHint')}
                    </p>
                    {errors[`file-${i}`] ? (
                      <p className="field-error" id={`file-${i}-error`}>
                        {errors[`file-${i}`]}
                      </p>
                    ) : null}
                    <input
                      id={`file-${i}`}
                      type="file"
                      multiple
                      accept="application/pdf,image/jpeg,image/png,image/tiff,.docx,.xlsx"
                      aria-describedby={
                        errors[`file-${i}`] ? `file-${i}-hint file-${i}-error` : `file-${i}-hint`
                      }
                      aria-invalid={errors[`file-${i}`] ? true : undefined}
                      disabled={busy !== null}
                      onChange={(e) => {
                        void upload(d.name, i, e.target.files);
                        e.target.value = '';
                      }}
                    />
                    {busy === d.name ? (
                      <p role="status" className="muted">
                        {t('apply.uploading')}
                      </p>
                    ) : null}
                    {files.length > 0 ? (
                      <>
                        <ul aria-label={t('apply.uploaded', { name: d.name })}>
                          {files.map((f) => (
                            <li key={f.id}>
                              {f.name}
                              {f.pages ? ` (${t('apply.pages', { n: String(f.pages) })})` : ''}
                            </li>
                          ))}
                        </ul>
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => removeFiles(d.name)}
                        >
                          {t('apply.removeFiles', { name: d.name })}
                        </button>
                      </>
                    ) : null}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      {chosenFromWallet ? (
        <div className={`field${errors['reuse-consent'] ? ' field-has-error' : ''}`}>
          {errors['reuse-consent'] ? <p className="field-error">{errors['reuse-consent']}</p> : null}
          <Checkbox
            id="reuse-consent"
            label={t('apply.reuseConsent')}
            checked={draft.reuseConsent ?? false}
            onChange={(checked) => update((x) => ({ ...x, reuseConsent: checked }))}
          />
        </div>
      ) : null}
    </StepPage>
  );
}

function AnswerRow({ label, value, href }: { label: string; value: string; href: string }) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
      <dd className="summary-action">
        <Link href={href}>
          {t('apply.change')}
          <span className="visually-hidden"> {label}</span>
        </Link>
      </dd>
    </div>
  );
}

function CheckStep({
  procedure,
  filer,
  draft,
  next,
  back,
  progress,
  schema,
  groups,
  base,
}: StepProps & { schema: FormSchema | null; groups: Group[]; base: string }) {
  const { t, lang } = useI18n();
  const titleOf = useTitleOf(schema);
  const wards = useWards();
  const a = draft.applicant;
  const capacity = draft.capacity ?? 'self';
  const forOrganisation = capacity === 'organisation';
  const ward = wards.data?.items.find((w) => w.adminUnitCode === a.wardCode);
  const change = (step: string) => `${base}/${step}?quay-lai=kiem-tra`;
  const shown = (name: string) => {
    const value = draft.form[name] ?? '';
    return schema?.properties[name]?.['x-widget'] === 'date' ? formatDate(value) : value;
  };
  return (
    <StepPage title={t('apply.check')} progress={progress} back={back} errors={{}} onSubmit={next}>
      <h2>{t('apply.applicant')}</h2>
      <dl className="summary-list">
        <AnswerRow
          label={forOrganisation ? t('apply.organisationName') : t('apply.fullName')}
          value={a.fullName}
          href={change('nguoi-nop')}
        />
        <AnswerRow
          label={forOrganisation ? t('apply.taxCode') : t('apply.idNumber')}
          value={a.idNumber}
          href={change('nguoi-nop')}
        />
        {forOrganisation ? null : (
          <AnswerRow
            label={t('apply.birthDate')}
            value={formatDate(a.birthDate)}
            href={change('nguoi-nop')}
          />
        )}
        {capacity === 'self' ? null : (
          <AnswerRow
            label={t('apply.representative')}
            value={t('apply.representativeValue', {
              name: filer.fullName,
              capacity: forOrganisation ? t('apply.legalRepresentative') : (draft.authorisation ?? ''),
            })}
            href={change('nguoi-nop')}
          />
        )}
        <AnswerRow label={t('apply.phone')} value={a.phone} href={change('nguoi-nop')} />
        <AnswerRow
          label={t('apply.address')}
          value={[a.line, ward?.shortName ?? ward?.name].filter(Boolean).join(', ')}
          href={change('nguoi-nop')}
        />
      </dl>
      {groups.map((g, i) => (
        <section key={g.title}>
          <h2>{lang === 'en' && g.titleEn ? g.titleEn : g.title}</h2>
          <dl className="summary-list">
            {g.fields.map((name) => (
              <AnswerRow
                key={name}
                label={titleOf(name)}
                value={shown(name)}
                href={change(`to-khai-${i + 1}`)}
              />
            ))}
          </dl>
        </section>
      ))}
      <h2>{t('apply.documents')}</h2>
      <dl className="summary-list">
        <AnswerRow
          label={t('apply.documents')}
          value={
            procedure.documents
              .filter((d) => draft.documents[d.name])
              .map((d) => {
                const files = draft.files?.[d.name]?.length ?? 0;
                if (draft.wallet?.[d.name]) return `${d.name} (${t('apply.sourceWallet')})`;
                return files > 0 ? `${d.name} (${t('apply.sourceFiles', { n: String(files) })})` : d.name;
              })
              .join('; ') || t('apply.none')
          }
          href={change('giay-to')}
        />
      </dl>
    </StepPage>
  );
}

function DeclarationStep({
  procedure,
  filer,
  draft,
  back,
  progress,
  base,
  schema,
}: StepProps & { schema: FormSchema | null; base: string }) {
  const { t } = useI18n();
  const titleOf = useTitleOf(schema);
  const [, navigate] = useLocation();
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!agreed) {
      setErrors({ declare: t('err.declare') });
      return;
    }
    setBusy(true);
    setErrors({});
    const formData = Object.fromEntries(Object.entries(draft.form).filter(([, v]) => v.trim() !== ''));
    try {
      const dossier = await api<Dossier>('/api/dossiers', {
        method: 'POST',
        headers: { 'idempotency-key': draft.idempotencyKey },
        body: {
          procedureCode: procedure.code,
          channel: 'online',
          applicant: applicantBody(draft.applicant, draft.capacity),
          ...representativeBody(draft, filer),
          documents: procedure.documents
            .filter((d) => draft.documents[d.name])
            .map((d) => documentBody(draft, d.name, d.form ?? 'copy')),
          ...(Object.keys(draft.wallet ?? {}).length > 0
            ? { reuseConsent: draft.reuseConsent === true }
            : {}),
          formData,
        },
      });
      sessionStorage.setItem(DONE_KEY, JSON.stringify(dossier));
      clearDraft(procedure.code);
      navigate(`${base}/hoan-thanh`);
    } catch (error) {
      // The fields are on earlier pages, so each message names its field.
      const found = errorsFrom(error, intakeFieldId, 'declare');
      setErrors(
        Object.fromEntries(
          Object.entries(found).map(([id, message]) => {
            const label = id.startsWith('a-') ? APPLICANT_LABELS[id.slice(2)] : undefined;
            const name = label ? t(label) : id.startsWith('f-') ? titleOf(id.slice(2)) : null;
            return [id, name ? `${name}: ${message}` : message];
          }),
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <StepPage
      title={t('apply.declaration')}
      progress={progress}
      back={back}
      errors={errors}
      onSubmit={submit}
      submitLabel={busy ? t('apply.submitting') : t('apply.submit')}
      busy={busy}
    >
      <div className={`field${errors.declare ? ' field-has-error' : ''}`}>
        {errors.declare ? <p className="field-error">{errors.declare}</p> : null}
        <Checkbox id="declare" label={t('apply.declare')} checked={agreed} onChange={setAgreed} />
      </div>
    </StepPage>
  );
}

function Confirmation({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useI18n();
  const timeText = useTimeLimitText();
  const stored = sessionStorage.getItem(DONE_KEY);
  const dossier = stored ? (JSON.parse(stored) as Dossier) : null;
  if (!dossier || dossier.procedureCode !== procedure.code) {
    return (
      <Page title={t('apply.done')}>
        <Link href="/ho-so-cua-toi">{t('apply.toMine')}</Link>
      </Page>
    );
  }
  return (
    <Page title={t('apply.done')}>
      <div className="panel-confirmation">
        <p>{t('apply.yourCode')}</p>
        <p className="dossier-code" data-testid="dossier-code">
          {dossier.code}
        </p>
      </div>
      <div className="confirmation-grid">
        <div>
          <h2>{t('apply.next')}</h2>
          <p>{t('apply.nextText', { time: timeText(procedure.timeLimit) })}</p>
          <p>
            <Link href={`/ho-so-cua-toi/${encodeURIComponent(dossier.code)}`}>{t('apply.toMine')}</Link>
          </p>
        </div>
        <figure className="qr">
          <img
            src={`/api/track/${encodeURIComponent(dossier.code)}/qr.svg`}
            alt={t('apply.qr')}
            width={160}
            height={160}
          />
          <figcaption>{t('apply.qr')}</figcaption>
        </figure>
      </div>
    </Page>
  );
}
