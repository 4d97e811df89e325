-- The channels an applicant chose for the notices about one dossier (integrations/notifications). Without a
-- row, notices take the default: e-mail when the dossier has an address, else SMS.
CREATE TABLE notification_preferences (
  dossier_code text PRIMARY KEY CHECK (length(dossier_code) <= 100),
  channels     text[] NOT NULL CHECK (
    cardinality(channels) BETWEEN 1 AND 3 AND channels <@ ARRAY['email', 'sms', 'zalo']::text[]),
  chosen_by    integer REFERENCES users (id),
  chosen_at    timestamptz NOT NULL DEFAULT now()
);
