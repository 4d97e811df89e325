-- Officer accounts managed by administrators: sessions get a public id (a user lists and ends their own
-- sessions without ever seeing a token's hash), and passwords are set through one-time links.
ALTER TABLE sessions ADD COLUMN id bigserial UNIQUE;

-- A one-time link to set a password: only a hash of its token is stored; it expires and is used once.
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users (id),
  created_by integer REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  used_at    timestamptz
);
CREATE INDEX password_resets_user ON password_resets (user_id);
