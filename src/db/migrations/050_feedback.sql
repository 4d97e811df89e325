-- Feedback on administrative regulations and on service (phản ánh, kiến nghị; Decree 20/2008), owned by
-- src/feedback. The event log is the truth; feedback_items is its projection plus what was submitted (the
-- text and the submitter's contact, which never travel in events).
CREATE TABLE feedback_items (
  id                bigserial PRIMARY KEY,
  code              text NOT NULL UNIQUE CHECK (code ~ '^PAKN-\d{6}-\d{4,}$'),
  subject           text NOT NULL CHECK (subject IN ('regulation', 'service')),
  channel           text NOT NULL CHECK (channel IN ('portal', 'counter', 'phone', 'email', 'post', 'open311')),
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  content           text NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
  -- Name, phone, e-mail, address as given; null when the submitter stays anonymous.
  submitter         jsonb,
  owner_id          integer REFERENCES users (id),
  -- SHA-256 of the key handed to the submitter once, with which they follow, clarify and rate.
  access_key_hash   text NOT NULL CHECK (length(access_key_hash) = 64),
  procedure_code    text CHECK (length(procedure_code) <= 40),
  dossier_code      text CHECK (length(dossier_code) <= 60),
  agency_concerned  text CHECK (length(agency_concerned) <= 35),
  location          jsonb,
  media_url         text CHECK (length(media_url) <= 2000),
  open311_client_id integer,
  status            text NOT NULL CHECK (status IN ('received', 'logged', 'clarification_requested', 'handling',
                      'handled', 'answered', 'published', 'not_accepted', 'forwarded')),
  received_at       timestamptz NOT NULL,
  handling_agency   text,
  due_at            timestamptz,
  due_kind          text CHECK (due_kind IN ('classify', 'handle', 'answer', 'publish')),
  progress_due_at   timestamptz,
  finished_at       timestamptz,
  handled_on_time   boolean,
  answer            text,
  public_title      text,
  public_question   text,
  public_answer     text,
  published_at      timestamptz,
  answer_rating     text CHECK (answer_rating IN ('satisfied', 'not_satisfied')),
  version           integer NOT NULL CHECK (version >= 1),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX feedback_items_open ON feedback_items (due_at) WHERE finished_at IS NULL;
CREATE INDEX feedback_items_agency ON feedback_items (handling_agency, status);
CREATE INDEX feedback_items_published ON feedback_items (published_at DESC) WHERE published_at IS NOT NULL;
CREATE INDEX feedback_items_owner ON feedback_items (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE feedback_events (
  feedback_id  bigint NOT NULL REFERENCES feedback_items (id),
  seq          integer NOT NULL CHECK (seq >= 1),
  action       text NOT NULL,
  actor_id     integer,
  actor_role   text,
  actor_agency text,
  from_status  text,
  to_status    text NOT NULL,
  note         text CHECK (length(note) <= 10000),
  payload      jsonb NOT NULL,
  at           timestamptz NOT NULL,
  PRIMARY KEY (feedback_id, seq)
);

CREATE TABLE feedback_sequences (
  day        date PRIMARY KEY,
  last_value integer NOT NULL
);

-- The deadlines in working days and the reminder horizon (RULES.md §7 defaults when no row exists).
CREATE TABLE feedback_settings (
  id         integer PRIMARY KEY CHECK (id = 1),
  settings   jsonb NOT NULL,
  updated_by integer REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Clients allowed to post through the Open311 GeoReport v2 API; the key is kept as its SHA-256.
CREATE TABLE open311_clients (
  id         serial PRIMARY KEY,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  key_hash   text NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  active     boolean NOT NULL DEFAULT true,
  created_by integer REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE feedback_items ADD FOREIGN KEY (open311_client_id) REFERENCES open311_clients (id);
