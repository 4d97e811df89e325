-- Changes to the national procedure database (new, amended, abolished procedures), taken in by the catalogue
-- sync as drafts: nothing reaches the catalogue until a controller publishes it by a decision, or dismisses it.
CREATE TABLE catalogue_drafts (
  id             bigserial PRIMARY KEY,
  -- The change's number in the national database's feed: a change taken in twice is one draft.
  source_seq     bigint NOT NULL UNIQUE,
  procedure_code text NOT NULL CHECK (length(procedure_code) BETWEEN 1 AND 40),
  change         text NOT NULL CHECK (change IN ('new', 'amended', 'abolished')),
  changed_at     timestamptz NOT NULL,
  -- The record as the catalogue would store it (null for an abolition), and what could not be parsed.
  record         jsonb,
  review         jsonb NOT NULL DEFAULT '[]',
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'dismissed')),
  received_at    timestamptz NOT NULL DEFAULT now(),
  decided_by     integer REFERENCES users (id),
  decided_at     timestamptz,
  decision_number text,
  dismiss_reason text,
  CHECK ((change = 'abolished') = (record IS NULL)),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX catalogue_drafts_pending ON catalogue_drafts (received_at) WHERE status = 'pending';

-- Where the sync stopped in the national database's feed.
CREATE TABLE catalogue_sync_state (
  source     text PRIMARY KEY,
  cursor     bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
