-- Procedure catalogue: fields, procedures, publication decisions (history kept, never updated in place).
CREATE TABLE fields (
  code text PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE procedures (
  code                  text PRIMARY KEY CHECK (code ~ '^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)?$'),
  name                  text NOT NULL CHECK (length(name) > 0),
  field_code            text NOT NULL REFERENCES fields (code),
  levels                text[] NOT NULL CHECK (levels <@ ARRAY['ministry', 'province', 'commune', 'other']::text[] AND cardinality(levels) > 0),
  agency_kinds          text[] NOT NULL DEFAULT '{}',
  competent_agency_text text,
  ministry              text,
  time_limit            jsonb NOT NULL,
  fees                  jsonb NOT NULL DEFAULT '[]',
  documents             jsonb NOT NULL DEFAULT '[]',
  legal_basis           text,
  online_level          text NOT NULL CHECK (online_level IN ('full', 'partial', 'none')),
  channels              text[] NOT NULL CHECK (channels <@ ARRAY['online', 'counter', 'postal']::text[] AND cardinality(channels) > 0),
  result_type           text,
  received_at_centre    boolean NOT NULL DEFAULT true,
  internal              boolean NOT NULL DEFAULT false,
  source_url            text,
  search_text           text NOT NULL,
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedures_search_trgm ON procedures USING gin (search_text gin_trgm_ops);
CREATE INDEX procedures_field ON procedures (field_code);

CREATE TABLE procedure_publications (
  id              serial PRIMARY KEY,
  procedure_code  text NOT NULL REFERENCES procedures (code),
  kind            text NOT NULL CHECK (kind IN ('publish', 'amend', 'abolish')),
  decision_number text NOT NULL CHECK (length(decision_number) > 0),
  decision_date   date NOT NULL,
  effective_date  date NOT NULL CHECK (effective_date >= decision_date),
  note            text,
  created_by      integer REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_code, decision_number, kind)
);
CREATE INDEX procedure_publications_lookup ON procedure_publications (procedure_code, effective_date DESC, id DESC);
