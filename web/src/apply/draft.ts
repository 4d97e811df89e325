import type { Translate } from '../i18n';
import type { MessageKey } from '../messages';
import type { FormProperty, FormSchema } from '../types';

export interface ApplicantDraft {
  fullName: string;
  idNumber: string;
  birthDate: string;
  phone: string;
  email: string;
  line: string;
  wardCode: string;
}

/** For whom a verified citizen applies: themselves, the organisation they represent at law, or someone else. */
export type Capacity = 'self' | 'organisation' | 'authorised';

/** What the account says of the person signed in (VNeID's verified identity, when they came through it). */
export interface Filer {
  fullName: string;
  verified: {
    idNumber: string;
    birthDate: string | null;
    organisation: { taxCode: string; name: string } | null;
  } | null;
}

export interface Draft {
  applicant: ApplicantDraft;
  /** Only for a verified account (absent: for themselves). */
  capacity?: Capacity;
  /** The authorisation the filer holds, when applying for someone else. */
  authorisation?: string;
  form: Record<string, string>;
  documents: Record<string, boolean>;
  /** Files uploaded for each document (ids of `POST /api/uploads`), in page order. */
  files?: Record<string, { id: string; name: string; pages: number | null }[]>;
  /** A wallet item chosen for a document instead of an upload. */
  wallet?: Record<string, number>;
  /** Consent to reuse the chosen wallet items for this dossier (Decree 45/2020 art. 16). */
  reuseConsent?: boolean;
  /** One key per draft: a retried or double-clicked submission never files a second dossier. */
  idempotencyKey: string;
}

const PREFIX = 'motcua.draft.';
const key = (code: string) => `${PREFIX}${code}`;

/** Who the applicant is in each capacity: the filer, their organisation, or (blank) the person they act for. */
export function applicantFor(capacity: Capacity, filer: Filer, current: ApplicantDraft): ApplicantDraft {
  const contact = {
    phone: current.phone,
    email: current.email,
    line: current.line,
    wardCode: current.wardCode,
  };
  const verified = filer.verified;
  if (capacity === 'organisation' && verified?.organisation)
    return {
      ...contact,
      fullName: verified.organisation.name,
      idNumber: verified.organisation.taxCode,
      birthDate: '',
    };
  if (capacity === 'authorised') return { ...contact, fullName: '', idNumber: '', birthDate: '' };
  const birthDate =
    verified?.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(verified.birthDate) ? verified.birthDate : '';
  return { ...contact, fullName: filer.fullName, idNumber: verified?.idNumber ?? '', birthDate };
}

/** The applicant's fields VNeID verified in this capacity: shown, not editable. */
export function lockedFields(capacity: Capacity, filer: Filer): (keyof ApplicantDraft)[] {
  if (!filer.verified || capacity === 'authorised') return [];
  if (capacity === 'organisation') return ['fullName', 'idNumber'];
  return filer.verified.birthDate?.length === 10
    ? ['fullName', 'idNumber', 'birthDate']
    : ['fullName', 'idNumber'];
}

/** A new draft, with what the account already knows of the applicant (VNeID's verified identity). */
export function emptyDraft(filer: Filer = { fullName: '', verified: null }): Draft {
  const blank = { fullName: '', idNumber: '', birthDate: '', phone: '', email: '', line: '', wardCode: '' };
  return {
    applicant: applicantFor('self', filer, blank),
    form: {},
    documents: {},
    files: {},
    wallet: {},
    reuseConsent: false,
    idempotencyKey: crypto.randomUUID(),
  };
}

/** The draft survives a reload: it lives in this browser's storage until the dossier is submitted. */
export function loadDraft(code: string): Draft | null {
  const text = localStorage.getItem(key(code));
  if (!text) return null;
  try {
    return JSON.parse(text) as Draft;
  } catch {
    return null;
  }
}

export function saveDraft(code: string, draft: Draft): void {
  localStorage.setItem(key(code), JSON.stringify(draft));
}

export function clearDraft(code: string): void {
  localStorage.removeItem(key(code));
}

/** Drafts hold identity numbers and addresses: none may outlive the session on a shared computer. */
export function clearAllDrafts(): void {
  const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
  for (const name of keys) if (name?.startsWith(PREFIX)) localStorage.removeItem(name);
}

/** People's names for the applicant's fields. */
export const APPLICANT_LABELS: Record<string, MessageKey> = {
  fullName: 'apply.fullName',
  idNumber: 'apply.idNumber',
  birthDate: 'apply.birthDate',
  phone: 'apply.phone',
  email: 'apply.email',
  address: 'apply.address',
  line: 'apply.address',
  wardCode: 'apply.ward',
};

/** The applicant as POST /api/dossiers takes it (a person), the same from the portal and the counter. */
export function applicantBody(a: ApplicantDraft, capacity: Capacity = 'self') {
  const common = {
    fullName: a.fullName.trim(),
    idNumber: a.idNumber.trim(),
    phone: a.phone.replace(/\s/g, ''),
    ...(a.email.trim() ? { email: a.email.trim() } : {}),
    address: { line: a.line.trim(), wardCode: a.wardCode },
  };
  if (capacity === 'organisation') return { kind: 'organisation' as const, ...common };
  return { kind: 'person' as const, ...common, birthDate: a.birthDate };
}

/** The filer on the record when they apply for their organisation or under an authorisation. */
export function representativeBody(draft: Draft, filer: Filer) {
  const capacity = draft.capacity ?? 'self';
  if (!filer.verified || capacity === 'self') return {};
  return {
    representative: {
      fullName: filer.fullName,
      idNumber: filer.verified.idNumber,
      ...(capacity === 'authorised' ? { authorisation: (draft.authorisation ?? '').trim() } : {}),
    },
  };
}

/** The page field an intake error is about ("applicant.address.wardCode" → a-wardCode, "formData.x" → f-x). */
export function intakeFieldId(path: string, index: number): string {
  const parts = path.split('.');
  if (parts[0] === 'applicant' && parts.length > 1) return `a-${parts[parts.length - 1]}`;
  if (parts[0] === 'representative' && parts[1] === 'authorisation') return 'a-authorisation';
  if (parts[0] === 'formData' && parts[1]) return `f-${parts[1]}`;
  return `server-${index}`;
}

export interface Group {
  title: string;
  titleEn?: string;
  fields: string[];
}

/** The e-form's question groups, one page each; a schema without groups is one page. */
export function groupsOf(schema: FormSchema | null): Group[] {
  if (!schema) return [];
  const groups = schema['x-groups'];
  if (groups && groups.length > 0) return groups;
  return [{ title: 'Tờ khai', titleEn: 'Form', fields: Object.keys(schema.properties) }];
}

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function checkProperty(
  t: Translate,
  label: string,
  property: FormProperty,
  value: string,
  required: boolean,
): string | null {
  const text = value.trim();
  if (!text) return required ? `${label}: ${t('err.required')}` : null;
  if (property.enum && !property.enum.includes(text)) return `${label}: ${t('err.choose')}`;
  if (property['x-widget'] === 'date' && !validDate(text)) return `${label}: ${t('err.date')}`;
  if (property.minLength !== undefined && text.length < property.minLength)
    return `${label}: ${t('err.tooShort', { n: property.minLength })}`;
  if (property.maxLength !== undefined && text.length > property.maxLength)
    return `${label}: ${t('err.tooLong', { n: property.maxLength })}`;
  if (property.pattern && !new RegExp(property.pattern).test(text)) return `${label}: ${t('err.format')}`;
  return null;
}

/** Whether a question is asked given the answers so far: always, unless it depends on another answer. */
export function isShown(schema: FormSchema, name: string, form: Record<string, string>): boolean {
  const condition = schema.properties[name]?.['x-show-if'];
  return !condition || (form[condition.field] ?? '') === condition.equals;
}

/** Required always (the schema's list), or when shown (an "if … then required" of the schema). */
export function isRequired(schema: FormSchema, name: string): boolean {
  return (
    (schema.required?.includes(name) ?? false) ||
    (schema.allOf ?? []).some((rule) => rule.then.required.includes(name))
  );
}

export function checkGroup(
  t: Translate,
  schema: FormSchema,
  group: Group,
  form: Record<string, string>,
  titleOf: (name: string) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of group.fields) {
    const property = schema.properties[name];
    if (!property || !isShown(schema, name, form)) continue;
    const message = checkProperty(t, titleOf(name), property, form[name] ?? '', isRequired(schema, name));
    if (message) errors[`f-${name}`] = message;
  }
  return errors;
}

export function checkApplicant(
  t: Translate,
  a: ApplicantDraft,
  capacity: Capacity = 'self',
  authorisation = '',
): Record<string, string> {
  const errors: Record<string, string> = {};
  const need = (id: string, label: string, ok: boolean, message: string) => {
    if (!ok) errors[id] = `${label}: ${message}`;
  };
  if (capacity === 'organisation') {
    need('a-fullName', t('apply.organisationName'), a.fullName.trim().length >= 2, t('err.required'));
    need('a-idNumber', t('apply.taxCode'), /^\d{10}(-\d{3})?$/.test(a.idNumber.trim()), t('err.taxCode'));
  } else {
    need('a-fullName', t('apply.fullName'), a.fullName.trim().length >= 2, t('err.required'));
    need('a-idNumber', t('apply.idNumber'), /^\d{12}$/.test(a.idNumber.trim()), t('err.idNumber'));
    need('a-birthDate', t('apply.birthDate'), validDate(a.birthDate), t('err.date'));
  }
  if (capacity === 'authorised')
    need(
      'a-authorisation',
      t('apply.authorisation'),
      authorisation.trim().length >= 5,
      t('err.authorisation'),
    );
  need('a-phone', t('apply.phone'), /^(\+84|0)\d{9,10}$/.test(a.phone.replace(/\s/g, '')), t('err.phone'));
  if (a.email.trim())
    need('a-email', t('apply.email'), /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.email.trim()), t('err.email'));
  need('a-line', t('apply.address'), a.line.trim().length > 0, t('err.required'));
  need('a-wardCode', t('apply.ward'), /^\d{5}$/.test(a.wardCode), t('err.choose'));
  return errors;
}

/** What the dossier says about a required document: its uploads, or the wallet item reused, or nothing. */
export function documentBody(draft: Draft, name: string, form: string) {
  const walletItemId = draft.wallet?.[name];
  const uploads = (draft.files?.[name] ?? []).map((f) => f.id);
  if (walletItemId) return { name, form, copies: 1, walletItemId };
  if (uploads.length > 0) return { name, form, copies: 1, uploads };
  return { name, form: 'copy', copies: 1 };
}
