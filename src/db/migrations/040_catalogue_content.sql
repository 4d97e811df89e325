-- What a controller must review in an imported national record, kept per procedure: the latest import's items
-- (field, stable code, Vietnamese reason, verbatim text). A record parsed in full has no row.
CREATE TABLE procedure_import_reviews (
  procedure_code text PRIMARY KEY REFERENCES procedures (code),
  source         text NOT NULL CHECK (source IN ('national')),
  items          jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) > 0),
  item_count     integer NOT NULL CHECK (item_count > 0),
  codes          text[] NOT NULL CHECK (cardinality(codes) > 0),
  imported_at    timestamptz NOT NULL DEFAULT now()
);

-- Files of the catalogue: form templates (mẫu đơn, tờ khai) and sample filled dossiers (hồ sơ mẫu). Procedure
-- versions point at them, so a stored file never changes; a new upload is a new file.
CREATE TABLE procedure_files (
  id             serial PRIMARY KEY,
  procedure_code text NOT NULL REFERENCES procedures (code),
  purpose        text NOT NULL CHECK (purpose IN ('template', 'sample')),
  file_name      text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 300),
  content_type   text NOT NULL CHECK (content_type IN (
                   'application/pdf',
                   'application/msword',
                   'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  size           integer NOT NULL CHECK (size > 0 AND size <= 10485760),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content        bytea NOT NULL CHECK (length(content) = size),
  created_by     integer REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedure_files_procedure ON procedure_files (procedure_code, id);

CREATE FUNCTION procedure_files_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'procedure files never change; upload a new file';
END $$;
CREATE TRIGGER procedure_files_frozen BEFORE UPDATE OR DELETE ON procedure_files
  FOR EACH ROW EXECUTE FUNCTION procedure_files_frozen();

-- Groups of linked procedures (nhóm thủ tục liên thông): the procedures an applicant goes through together, in
-- order (birth registration, then permanent residence, then a health-insurance card for a child under 6).
CREATE TABLE procedure_groups (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 3 AND 500),
  description text CHECK (length(description) <= 5000),
  updated_by  integer REFERENCES users (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE procedure_group_members (
  group_code     text NOT NULL REFERENCES procedure_groups (code) ON DELETE CASCADE,
  position       integer NOT NULL CHECK (position BETWEEN 1 AND 20),
  procedure_code text NOT NULL REFERENCES procedures (code),
  note           text CHECK (length(note) <= 1000),
  PRIMARY KEY (group_code, position),
  UNIQUE (group_code, procedure_code)
);
CREATE INDEX procedure_group_members_procedure ON procedure_group_members (procedure_code);
