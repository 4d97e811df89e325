import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

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
  password_hash: string;
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
  updated_at: Generated<Timestamp>;
}

export interface TimeLimitJson {
  value: number | null;
  unit: 'working_days' | 'working_hours' | 'days' | 'same_day' | 'unspecified';
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

export interface Database {
  agencies: AgencyTable;
  units: UnitTable;
  users: UserTable;
  fields: FieldTable;
  procedures: ProcedureTable;
  procedure_publications: PublicationTable;
  calendar_years: CalendarYearTable;
  calendar_year_history: CalendarYearHistoryTable;
  sessions: SessionTable;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}
