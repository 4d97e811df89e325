-- Login hardening: failed attempts counted per login name (known or not, so a lockout tells nothing about
-- whether an account exists), and sessions that end after a period of inactivity as well as at a fixed time.
CREATE TABLE login_throttle (
  username        text PRIMARY KEY CHECK (length(username) BETWEEN 1 AND 64),
  failures        integer NOT NULL CHECK (failures > 0),
  last_failure_at timestamptz NOT NULL,
  locked_until    timestamptz
);
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_at);

ALTER TABLE sessions
  ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN user_agent   text CHECK (length(user_agent) <= 300);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
