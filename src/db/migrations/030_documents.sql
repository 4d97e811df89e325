-- Documents (src/documents): files kept once by content hash, uploads waiting to be attached, signed
-- documents that the public verification page answers for, and each account's data wallet.
CREATE TABLE stored_files (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes       bigint NOT NULL CHECK (bytes > 0),
  mime        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png', 'tiff', 'docx', 'xlsx')),
  pages       integer CHECK (pages > 0),
  -- Files are never stored when a scanner finds something; without a scanner they are marked so, honestly.
  scan_status text NOT NULL CHECK (scan_status IN ('clean', 'not_scanned')),
  scanner     text,
  scanned_at  timestamptz,
  -- Digital signatures found in a PDF, as verified when it was received.
  signatures  jsonb NOT NULL DEFAULT '[]',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE uploads (
  id          uuid PRIMARY KEY,
  sha256      text NOT NULL REFERENCES stored_files (sha256),
  -- The name the uploader gave: shown to people, never used to decide the type.
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  uploaded_by integer NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_by ON uploads (uploaded_by, created_at);

CREATE TABLE signed_documents (
  id                bigserial PRIMARY KEY,
  -- Printed as a QR code on the document: /xac-thuc/<code>.
  verification_code text NOT NULL UNIQUE CHECK (verification_code ~ '^[0-9A-Z]{12}$'),
  sha256            text NOT NULL REFERENCES stored_files (sha256),
  -- The signature's CMS: finds the record when bytes were appended to the file after signing.
  contents_sha256   text NOT NULL CHECK (contents_sha256 ~ '^[0-9a-f]{64}$'),
  purpose           text NOT NULL CHECK (purpose IN ('result', 'scan_seal')),
  dossier_code      text NOT NULL,
  procedure_name    text NOT NULL,
  agency_code       text NOT NULL REFERENCES agencies (code),
  signer_subject    text NOT NULL,
  signer_serial     text NOT NULL,
  signed_at         timestamptz NOT NULL,
  timestamped       boolean NOT NULL
);
CREATE INDEX signed_documents_sha256 ON signed_documents (sha256);
CREATE INDEX signed_documents_contents ON signed_documents (contents_sha256);
CREATE INDEX signed_documents_dossier ON signed_documents (dossier_code);

-- The data wallet (Decree 45/2020 art. 16): accepted documents and results of an account, with provenance.
CREATE TABLE wallet_items (
  id           bigserial PRIMARY KEY,
  owner_id     integer NOT NULL REFERENCES users (id),
  kind         text NOT NULL CHECK (kind IN ('document', 'result')),
  title        text NOT NULL,
  title_search text NOT NULL,
  sha256       text NOT NULL REFERENCES stored_files (sha256),
  file_name    text NOT NULL,
  dossier_code text NOT NULL,
  agency_code  text NOT NULL REFERENCES agencies (code),
  issued_at    timestamptz NOT NULL,
  signed_by    text,
  valid_until  date,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, dossier_code, kind, title, sha256)
);
CREATE INDEX wallet_items_owner ON wallet_items (owner_id, issued_at DESC);

-- Each reuse of a wallet item in a dossier, with the consent given: officers handling that dossier may see it.
CREATE TABLE wallet_uses (
  wallet_item_id bigint NOT NULL REFERENCES wallet_items (id),
  dossier_code   text NOT NULL,
  used_at        timestamptz NOT NULL,
  consent        text NOT NULL,
  PRIMARY KEY (wallet_item_id, dossier_code)
);
CREATE INDEX wallet_uses_dossier ON wallet_uses (dossier_code);

-- Files of a dossier (owned by src/dossiers, written by the one writer of dossier events): the event that
-- attached each file, the required document it stands for and the page order, and where it came from.
CREATE TABLE dossier_files (
  id             bigserial PRIMARY KEY,
  dossier_id     bigint NOT NULL REFERENCES dossiers (id),
  event_seq      integer NOT NULL,
  role           text NOT NULL CHECK (role IN ('document', 'scan', 'scan_seal', 'result', 'signed_result')),
  document_name  text,
  position       integer NOT NULL CHECK (position >= 0),
  sha256         text NOT NULL REFERENCES stored_files (sha256),
  name           text NOT NULL,
  bytes          bigint NOT NULL CHECK (bytes > 0),
  mime           text NOT NULL,
  pages          integer,
  origin         text NOT NULL CHECK (origin IN ('upload', 'wallet', 'registry', 'paper', 'issued')),
  wallet_item_id bigint REFERENCES wallet_items (id),
  attached_at    timestamptz NOT NULL,
  attached_by    integer REFERENCES users (id),
  UNIQUE (dossier_id, event_seq, role, document_name, position)
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id, role);
