-- A second factor for officers (TOTP, RFC 6238), required for administrators and controllers: their
-- password opens a short-lived login challenge, not a session; the code from their authenticator app
-- finishes the login. `totp_last_step` refuses a code used once already (a replay).
ALTER TABLE users
  ADD COLUMN totp_secret text CHECK (totp_secret ~ '^[A-Z2-7]{16,128}$'),
  ADD COLUMN totp_enabled_at timestamptz,
  ADD COLUMN totp_last_step bigint,
  ADD CONSTRAINT users_totp_enabled CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL);

CREATE TABLE login_challenges (
  token_hash     text PRIMARY KEY,
  user_id        integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  method         text NOT NULL CHECK (method IN ('totp', 'totp_enrolment')),
  -- The secret offered at enrolment, kept until a code made from it proves the app holds it.
  pending_secret text CHECK (pending_secret ~ '^[A-Z2-7]{16,128}$'),
  attempts       smallint NOT NULL DEFAULT 0,
  user_agent     text,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX login_challenges_expires ON login_challenges (expires_at);
