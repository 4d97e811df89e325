-- Dossiers: the append-only event log is the truth; `dossiers` is its projection, updated in the same transaction.
CREATE TABLE dossier_sequences (
  agency_code text NOT NULL,
  day         date NOT NULL,
  last_value  integer NOT NULL,
  PRIMARY KEY (agency_code, day)
);

CREATE TABLE dossiers (
  id                  bigserial PRIMARY KEY,
  code                text NOT NULL UNIQUE,
  procedure_code      text NOT NULL REFERENCES procedures (code),
  channel             text NOT NULL CHECK (channel IN ('online', 'counter', 'postal')),
  status              text NOT NULL,
  national_status     smallint NOT NULL CHECK (national_status BETWEEN 1 AND 10),
  receiving_agency    text NOT NULL REFERENCES agencies (code),
  handling_agency     text NOT NULL REFERENCES agencies (code),
  process_id          integer NOT NULL REFERENCES processes (id),
  step_key            text,
  step_due_at         timestamptz,
  assignee_id         integer REFERENCES users (id),
  applicant           jsonb NOT NULL,
  applicant_id_number text NOT NULL,
  applicant_search    text NOT NULL,
  representative      jsonb,
  form_data           jsonb NOT NULL DEFAULT '{}',
  documents           jsonb NOT NULL DEFAULT '[]',
  owner_id            integer REFERENCES users (id),
  submitted_at        timestamptz NOT NULL,
  accepted_at         timestamptz,
  due_at              timestamptz,
  original_due_at     timestamptz,
  apology_count       smallint NOT NULL DEFAULT 0 CHECK (apology_count <= 1),
  paused_since        timestamptz,
  paused_ms           bigint NOT NULL DEFAULT 0,
  supplement_count    smallint NOT NULL DEFAULT 0,
  supplement_phase    text CHECK (supplement_phase IN ('reception', 'processing')),
  signed              boolean NOT NULL DEFAULT false,
  finished_at         timestamptz,
  outcome             text CHECK (outcome IN ('approved', 'refused', 'rejected', 'withdrawn')),
  returned_at         timestamptz,
  return_method       text,
  agencies_seen       text[] NOT NULL,
  version             integer NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossiers_queue ON dossiers (handling_agency, status, step_due_at);
CREATE INDEX dossiers_assignee ON dossiers (assignee_id, step_due_at) WHERE finished_at IS NULL;
CREATE INDEX dossiers_owner ON dossiers (owner_id, submitted_at DESC);
CREATE INDEX dossiers_seen ON dossiers USING gin (agencies_seen);
CREATE INDEX dossiers_applicant_trgm ON dossiers USING gin (applicant_search gin_trgm_ops);
CREATE INDEX dossiers_id_number ON dossiers (applicant_id_number);
CREATE INDEX dossiers_submitted ON dossiers (submitted_at);

CREATE TABLE dossier_events (
  id            bigserial PRIMARY KEY,
  dossier_id    bigint NOT NULL REFERENCES dossiers (id),
  seq           integer NOT NULL,
  action        text NOT NULL,
  actor_id      integer REFERENCES users (id),
  actor_role    text,
  actor_agency  text,
  agency_code   text NOT NULL,
  from_step     text,
  to_step       text,
  from_status   text,
  to_status     text NOT NULL,
  note          text,
  payload       jsonb NOT NULL DEFAULT '{}',
  at            timestamptz NOT NULL,
  UNIQUE (dossier_id, seq)
);

-- The log is append-only: updates and deletes are refused by the database itself.
CREATE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_events is append-only';
END $$;
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE OR DELETE ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only();

CREATE TABLE dossier_consultations (
  id           bigserial PRIMARY KEY,
  dossier_id   bigint NOT NULL REFERENCES dossiers (id),
  agency_code  text NOT NULL REFERENCES agencies (code),
  question     text NOT NULL,
  due_at       timestamptz NOT NULL,
  asked_at     timestamptz NOT NULL,
  answer       text,
  answered_at  timestamptz,
  answered_by  integer REFERENCES users (id)
);
CREATE INDEX dossier_consultations_open ON dossier_consultations (agency_code) WHERE answered_at IS NULL;

CREATE TABLE idempotency_keys (
  scope           text NOT NULL,
  key             text NOT NULL,
  request_hash    text NOT NULL,
  response_status integer,
  response_body   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Yearly logbook numbers without gaps (Circular 01/2018 logbook, per receiving agency and year).
CREATE TABLE logbook_sequences (
  agency_code text NOT NULL,
  year        integer NOT NULL,
  last_value  integer NOT NULL,
  PRIMARY KEY (agency_code, year)
);
ALTER TABLE dossiers ADD COLUMN logbook_number integer;
