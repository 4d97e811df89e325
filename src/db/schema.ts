import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A time the database fills in (DEFAULT now()), readable as a Date. */
type GeneratedTime = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AgencyTable {
  code: string;
  name: string;
  short_name: string | null;
  level: 'province' | 'commune';
  kind: 'province' | 'department' | 'centre' | 'ward' | 'commune' | 'vertical' | 'special_zone';
  parent_code: string | null;
  admin_unit_code: string | null;
  search_text: string;
  office_hours: Json<OfficeHoursJson> | null;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface OfficeHoursJson {
  sessions: { start: string; end: string }[];
  cutoff: string;
}

export interface UnitTable {
  id: Generated<number>;
  agency_code: string;
  code: string;
  name: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  role: string;
  agency_code: string | null;
  unit_id: number | null;
  /** NULL for an account that signs in only through the identity provider. */
  password_hash: string | null;
  /** The identity provider's subject, and what its claims verified (migration 071). */
  identity_subject: Generated<string | null>;
  id_number: Generated<string | null>;
  birth_date: Generated<string | null>;
  organisation_tax_code: Generated<string | null>;
  organisation_name: Generated<string | null>;
  /** TOTP second factor (migration 072). */
  totp_secret: Generated<string | null>;
  totp_enabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  totp_last_step: Generated<string | null>;
  demo: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface FieldTable {
  code: string;
  name: string;
}

export interface ProcedureTable {
  code: string;
  name: string;
  field_code: string;
  levels: string[];
  agency_kinds: string[];
  competent_agency_text: string | null;
  ministry: string | null;
  time_limit: Json<TimeLimitJson>;
  fees: Json<unknown[]>;
  documents: Json<unknown[]>;
  legal_basis: string | null;
  online_level: 'full' | 'partial' | 'none';
  channels: string[];
  result_type: string | null;
  received_at_centre: boolean;
  internal: boolean;
  source_url: string | null;
  search_text: string;
  handling_agency_code: string | null;
  version_id: number | null;
  updated_at: Generated<Timestamp>;
}

export interface TimeLimitJson {
  value: number | null;
  unit: 'working_days' | 'working_hours' | 'hours' | 'days' | 'months' | 'same_day' | 'unspecified';
  cutoff?: string;
  note?: string;
}

export interface PublicationTable {
  id: Generated<number>;
  procedure_code: string;
  kind: 'publish' | 'amend' | 'abolish';
  decision_number: string;
  decision_date: string;
  effective_date: string;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Timestamp>;
}

export interface CalendarYearTable {
  year: number;
  schedule: Json<unknown>;
  updated_by: number | null;
  updated_at: Generated<Timestamp>;
}

export interface CalendarYearHistoryTable {
  id: Generated<number>;
  year: number;
  schedule: Json<unknown>;
  changed_by: number | null;
  changed_at: Generated<Timestamp>;
}

export interface AuditTrailTable {
  id: Generated<number>;
  at: GeneratedTime;
  /** Set by the chain trigger (migration 061). */
  day: Generated<string>;
  actor_id: number | null;
  actor_role: string;
  actor_agency: string | null;
  kind: 'read' | 'change';
  purpose: string;
  dossier_code: string | null;
  request_id: string;
  detail: Json<Record<string, unknown>>;
  prev_hash: Generated<Buffer | null>;
  hash: Generated<Buffer>;
}

export interface Database {
  audit_trail: AuditTrailTable;
  agencies: AgencyTable;
  units: UnitTable;
  users: UserTable;
  fields: FieldTable;
  procedures: ProcedureTable;
  procedure_publications: PublicationTable;
  calendar_years: CalendarYearTable;
  calendar_year_history: CalendarYearHistoryTable;
  sessions: SessionTable;
  login_challenges: {
    token_hash: string;
    user_id: number;
    method: 'totp' | 'totp_enrolment';
    pending_secret: string | null;
    attempts: Generated<number>;
    user_agent: string | null;
    created_at: Timestamp;
    expires_at: Timestamp;
  };
  login_throttle: LoginThrottleTable;
  password_resets: PasswordResetTable;
  processes: ProcessTable;
  process_steps: {
    process_id: number;
    key: string;
    kind: string;
    role: string;
    unit: string | null;
    name: string;
  };
  dossier_sequences: { agency_code: string; day: string; last_value: number };
  logbook_sequences: { agency_code: string; year: number; last_value: number };
  dossiers: DossierTable;
  dossier_events: DossierEventTable;
  dossier_consultations: ConsultationTable;
  idempotency_keys: IdempotencyTable;
  procedure_versions: ProcedureVersionTable;
  procedure_import_reviews: ProcedureImportReviewTable;
  procedure_files: ProcedureFileTable;
  procedure_groups: ProcedureGroupTable;
  procedure_group_members: ProcedureGroupMemberTable;
  outbox_consumers: OutboxConsumerTable;
  outbox_messages: OutboxMessageTable;
  outbox_deliveries: OutboxDeliveryTable;
  outbox_attempts: OutboxAttemptTable;
  webhook_subscriptions: WebhookSubscriptionTable;
}

export interface ProcedureVersionTable {
  id: Generated<number>;
  procedure_code: string;
  version: number;
  content: Json<Record<string, unknown>>;
  decision_number: string | null;
  note: string | null;
  created_by: number | null;
  created_at: GeneratedTime;
}

export interface ProcedureImportReviewTable {
  procedure_code: string;
  source: 'national';
  items: Json<unknown[]>;
  item_count: number;
  codes: string[];
  imported_at: GeneratedTime;
}

export interface ProcedureFileTable {
  id: Generated<number>;
  procedure_code: string;
  purpose: 'template' | 'sample';
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_by: number | null;
  created_at: GeneratedTime;
}

export interface ProcedureGroupTable {
  code: string;
  name: string;
  description: string | null;
  updated_by: number | null;
  updated_at: GeneratedTime;
}

export interface ProcedureGroupMemberTable {
  group_code: string;
  position: number;
  procedure_code: string;
  note: string | null;
}

export interface OutboxConsumerTable {
  name: string;
  handler: string;
  topic: string;
  kinds: string[] | null;
  active: Generated<boolean>;
  created_at: GeneratedTime;
}

export interface OutboxMessageTable {
  id: Generated<number>;
  topic: string;
  kind: string;
  stream: string;
  payload: Json<Record<string, unknown>>;
  created_at: GeneratedTime;
}

export interface OutboxDeliveryTable {
  id: Generated<number>;
  message_id: number;
  consumer: string;
  handler: string;
  stream: string;
  status: Generated<'pending' | 'delivered' | 'dead'>;
  attempts: Generated<number>;
  available_at: GeneratedTime;
  leased_until: NullableTime;
  lease_token: string | null;
  last_error: string | null;
  delivered_at: NullableTime;
  created_at: GeneratedTime;
}

export interface OutboxAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  started_at: Timestamp;
  duration_ms: number;
  ok: boolean;
  status_code: number | null;
  error: string | null;
}

export interface WebhookSubscriptionTable {
  id: Generated<number>;
  consumer: string;
  url: string;
  kinds: string[] | null;
  secret: string;
  description: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: GeneratedTime;
}

export interface ProcessTable {
  id: Generated<number>;
  procedure_code: string;
  agency_code: string | null;
  version: number;
  status: 'draft' | 'published';
  decision_number: string | null;
  effective_date: string | null;
  hours_per_day: ColumnType<string | null, number | null, number | null>;
  steps: Json<unknown[]>;
  created_at: GeneratedTime;
  published_at: Timestamp | null;
}

type NullableTime = ColumnType<Date | null, Date | null | undefined, Date | null>;

export interface DossierTable {
  id: Generated<number>;
  code: string;
  procedure_code: string;
  channel: string;
  status: string;
  national_status: number;
  receiving_agency: string;
  handling_agency: string;
  process_id: number;
  step_key: string | null;
  step_due_at: NullableTime;
  assignee_id: number | null;
  applicant: Json<Record<string, unknown>>;
  applicant_id_number: string;
  applicant_search: string;
  representative: Json<Record<string, unknown>> | null;
  form_data: Json<Record<string, unknown>>;
  documents: Json<unknown[]>;
  owner_id: number | null;
  submitted_at: Timestamp;
  accepted_at: NullableTime;
  due_at: NullableTime;
  original_due_at: NullableTime;
  apology_count: number;
  paused_since: NullableTime;
  paused_ms: ColumnType<number, number, number>;
  supplement_count: number;
  supplement_phase: string | null;
  signed: boolean;
  finished_at: NullableTime;
  outcome: string | null;
  returned_at: NullableTime;
  return_method: string | null;
  timeliness: string | null;
  agencies_seen: string[];
  version: number;
  logbook_number: number | null;
  procedure_version_id: number;
  updated_at: GeneratedTime;
}

export interface DossierEventTable {
  id: Generated<number>;
  dossier_id: number;
  seq: number;
  action: string;
  actor_id: number | null;
  actor_role: string | null;
  actor_agency: string | null;
  agency_code: string;
  from_step: string | null;
  to_step: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
  payload: Json<Record<string, unknown>>;
  at: Timestamp;
  /** The hash chain (migration 060), set by a trigger on insert. */
  prev_hash: Generated<Buffer | null>;
  hash: Generated<Buffer>;
}

export interface ConsultationTable {
  id: Generated<number>;
  dossier_id: number;
  agency_code: string;
  question: string;
  due_at: Timestamp;
  asked_at: Timestamp;
  answer: string | null;
  answered_at: NullableTime;
  answered_by: number | null;
}

export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number | null;
  response_body: Json<unknown> | null;
  /** The dossier row as created (intake's keys): a retry's answer is built from it. */
  dossier_row: Json<Record<string, unknown>> | null;
  created_at: GeneratedTime;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: GeneratedTime;
  expires_at: Timestamp;
  last_seen_at: GeneratedTime;
  user_agent: string | null;
  id: Generated<string>;
  /** The identity provider's ID token of a session opened through it (for its logout). */
  id_token: Generated<string | null>;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}
