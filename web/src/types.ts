export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  fieldCode: string;
  level: string[];
  timeLimit: TimeLimit;
  onlineLevel: 'full' | 'partial' | 'none';
  channels: string[];
}

export interface TimeLimit {
  value: number | null;
  unit: 'working_days' | 'working_hours' | 'hours' | 'days' | 'months' | 'same_day' | 'unspecified';
  note?: string;
  cutoff?: string;
}

export interface FormProperty {
  type?: string;
  title?: string;
  'x-title-en'?: string;
  'x-widget'?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Help text under the question, in Vietnamese and in English. */
  description?: string;
  'x-description-en'?: string;
  /** Asked only when another question has this answer. */
  'x-show-if'?: { field: string; equals: string };
}

/** A question required only when shown: JSON Schema "if the other answer is …, then required". */
export interface ConditionalRequirement {
  if: { properties: Record<string, { const: string }>; required: string[] };
  then: { required: string[] };
}

export interface FormSchema {
  type?: 'object';
  required?: string[];
  properties: Record<string, FormProperty>;
  allOf?: ConditionalRequirement[];
  'x-groups'?: { title: string; titleEn?: string; fields: string[] }[];
}

export interface RequiredDocument {
  name: string;
  form: 'original' | 'copy' | 'original_or_copy' | 'certified_copy' | 'original_and_copy' | null;
  copies: number;
  template: string | null;
  formSchema: FormSchema | null;
  quantity: { originals: number; copies: number } | null;
  templates: { fileName: string; fileId: number | null }[];
  condition: string | null;
  group: string | null;
}

export interface Fee {
  amount: number | null;
  currency?: 'VND' | 'USD';
  description: string | null;
  label?: string | null;
  shown?: string | null;
  flags?: string[];
}

export interface ChannelDetail {
  channel: 'online' | 'counter' | 'postal';
  timeLimit: TimeLimit;
  fees: Fee[];
  description: string | null;
}

export interface OnlineReason {
  code: 'physical_presence' | 'on_site_verification' | 'other_legal' | 'technical_fault' | 'other_technical';
  text: string;
}

export interface Guidance {
  videoUrl: string | null;
  faqs: { question: string; answer: string }[];
  samples: { title: string; fileId: number }[];
}

export interface ProcedureDetail extends ProcedureSummary {
  kind: string | null;
  applicants: { kinds: string[]; text: string | null };
  agencies: { competent: string[]; handling: string[]; coordinating: string[]; delegated: string[] };
  whereToFile: string | null;
  steps: string | null;
  channelDetails: ChannelDetail[];
  conditions: string | null;
  results: { name: string; code: string | null }[];
  legalDocuments: { number: string | null; title: string; date: string | null }[];
  relatedProcedures: string[];
  announcingDecisions: string[];
  onlineReason: OnlineReason | null;
  guidance: Guidance;
  groups?: { code: string; name: string; position: number; size: number }[];
  agencyKinds: string[];
  competentAgency: string | null;
  ministry: string | null;
  fees: Fee[];
  documents: RequiredDocument[];
  documentNotes: string[];
  legalBasis: string | null;
  resultType: string | null;
  receivedAtCentre: boolean;
  sourceUrl: string | null;
  versionId: number | null;
  offered: boolean;
  publications: {
    kind: string;
    decisionNumber: string;
    decisionDate: string;
    effectiveDate: string;
    note: string | null;
  }[];
}

/** A dossier as a list shows it: progress and the applicant's name. */
export interface DossierSummary {
  code: string;
  procedureCode: string;
  procedureVersionId: number;
  procedureName?: string;
  status: string;
  statusName: string;
  channelName: string;
  receivingAgency: string;
  handlingAgency: string;
  step: string | null;
  stepName?: string | null;
  stepDueAt: string | null;
  receivedAt: string | null;
  acceptedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  outcome: string | null;
  overdue: boolean;
  stepOverdue: boolean;
  logbookNumber: number | null;
  version: number;
  applicantName: string;
}

/** The whole dossier, as its own page shows it. */
export interface Dossier extends DossierSummary {
  applicant: Record<string, unknown>;
  documents: unknown[];
  formData: Record<string, unknown>;
}

export interface DossierEvent {
  seq: number;
  action: string;
  at: string;
  actorRole: string | null;
  actorAgency: string | null;
  fromStep: string | null;
  toStep: string | null;
  toStatus: string;
  note: string | null;
  payload: Record<string, unknown>;
}

export interface Tracked {
  code: string;
  status: string;
  statusName: string;
  receivingAgency: string;
  handlingAgency: string;
  receivedAt: string | null;
  acceptedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  overdue: boolean;
  outcome: string | null;
  /** The result is a signed electronic document, downloaded by the applicant after logging in. */
  electronicResult: boolean;
  history: { action: string; status: string; agency: string; at: string | null }[];
}

export interface Agency {
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  adminUnitCode: string | null;
}

/** What the public verification answers for a PDF (its signatures, and the dossier it was issued for). */
export interface Verification {
  summary: string;
  sha256: string;
  signatures: {
    signer: string | null;
    organization: string | null;
    issuer: string | null;
    serialNumber: string | null;
    signedAt: string | null;
    timestamped: boolean;
    timestampAuthority: string | null;
    unaltered: boolean;
    coversWholeFile: boolean;
    trusted: boolean;
    valid: boolean;
    problems: string[];
  }[];
  issued: {
    verificationCode: string;
    purpose: 'result' | 'scan_seal';
    dossierCode: string;
    procedureName: string;
    agencyName: string;
    signedAt: string;
    sameFile: boolean;
  } | null;
}

export interface WalletItem {
  id: number;
  kind: 'document' | 'result';
  title: string;
  fileName: string;
  bytes: number;
  mime: string;
  pages: number | null;
  provenance: {
    dossierCode: string;
    agencyCode: string;
    agencyName: string;
    issuedAt: string;
    signedBy: string | null;
    validUntil: string | null;
  };
  uses: number;
}
