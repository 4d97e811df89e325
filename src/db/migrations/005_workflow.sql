-- Electronic processes (quy trình điện tử): versioned per procedure and optionally per agency.
ALTER TABLE procedures ADD COLUMN handling_agency_code text REFERENCES agencies (code);

CREATE TABLE processes (
  id               serial PRIMARY KEY,
  procedure_code   text NOT NULL REFERENCES procedures (code),
  agency_code      text REFERENCES agencies (code),
  version          integer NOT NULL CHECK (version > 0),
  status           text NOT NULL CHECK (status IN ('draft', 'published')),
  decision_number  text,
  effective_date   date,
  hours_per_day    numeric CHECK (hours_per_day > 0 AND hours_per_day <= 24),
  steps            jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  published_at     timestamptz,
  CHECK (status = 'draft' OR (decision_number IS NOT NULL AND effective_date IS NOT NULL))
);
CREATE UNIQUE INDEX processes_version ON processes (procedure_code, coalesce(agency_code, ''), version);
CREATE INDEX processes_lookup ON processes (procedure_code, status, effective_date DESC);
