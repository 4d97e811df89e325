-- Lookups in the national population database (integrations/population): who asked, why, when and what
-- came of it. Never the identity number looked up nor anything the registry answered.
CREATE TABLE population_lookups (
  id          bigserial PRIMARY KEY,
  request_id  uuid NOT NULL UNIQUE,
  purpose     text NOT NULL CHECK (purpose ~ '^[a-z_]{1,40}$'),
  actor_id    integer REFERENCES users (id),
  outcome     text NOT NULL CHECK (outcome ~ '^[a-z_:]{1,60}$'),
  duration_ms integer NOT NULL CHECK (duration_ms >= 0),
  at          timestamptz NOT NULL
);
CREATE INDEX population_lookups_at ON population_lookups (at);
CREATE INDEX population_lookups_actor ON population_lookups (actor_id, at);
