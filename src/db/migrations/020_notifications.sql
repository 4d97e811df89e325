-- Notifications to applicants (integrations/notifications). Templates: the shipped wording lives in the
-- code as data (templates.vi.json); an administrator's edit of one notice on one channel is stored here and
-- wins over it.
CREATE TABLE notification_templates (
  kind       text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
  channel    text NOT NULL CHECK (channel IN ('email', 'sms')),
  subject    text CHECK (length(subject) <= 300),
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  updated_by integer REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, channel),
  CHECK ((channel = 'email') = (subject IS NOT NULL))
);

-- One row per notice per channel: the outbox delivery it carries (its idempotency key) is sent at most
-- once through a channel, across retries, restarts and replays. The recipient is kept masked.
CREATE TABLE notification_messages (
  id               bigserial PRIMARY KEY,
  delivery_key     text NOT NULL CHECK (length(delivery_key) <= 200),
  channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'zalo')),
  dossier_code     text NOT NULL,
  kind             text NOT NULL,
  recipient_masked text NOT NULL,
  status           text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 1,
  provider_id      text,
  last_error       text CHECK (length(last_error) <= 2000),
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  UNIQUE (delivery_key, channel)
);
CREATE INDEX notification_messages_dossier ON notification_messages (dossier_code, id);
CREATE INDEX notification_messages_failed ON notification_messages (created_at) WHERE status = 'failed';
