-- Organisation: agencies (province, departments, centres, wards/communes, vertical agencies), their units, users.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE agencies (
  code            text PRIMARY KEY CHECK (code ~ '^[0-9A-Z.]{1,35}$'),
  name            text NOT NULL CHECK (length(name) > 0),
  short_name      text,
  level           text NOT NULL CHECK (level IN ('province', 'commune')),
  kind            text NOT NULL CHECK (kind IN ('province', 'department', 'centre', 'ward', 'commune', 'vertical', 'special_zone')),
  parent_code     text REFERENCES agencies (code),
  admin_unit_code text UNIQUE,
  search_text     text NOT NULL,
  office_hours    jsonb,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agencies_search_trgm ON agencies USING gin (search_text gin_trgm_ops);
CREATE INDEX agencies_level ON agencies (level, kind);

CREATE TABLE units (
  id          serial PRIMARY KEY,
  agency_code text NOT NULL REFERENCES agencies (code),
  code        text NOT NULL,
  name        text NOT NULL,
  UNIQUE (agency_code, code)
);

CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,64}$'),
  full_name     text NOT NULL,
  role          text NOT NULL CHECK (role IN ('citizen', 'receiver', 'processor', 'unit_head', 'agency_head', 'clerk', 'controller', 'admin', 'postal')),
  agency_code   text REFERENCES agencies (code),
  unit_id       integer REFERENCES units (id),
  password_hash text NOT NULL,
  demo          boolean NOT NULL DEFAULT false,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'citizen' OR agency_code IS NOT NULL)
);
