-- The server runs as its own role with least privilege (issue 15); migrations, backups and the command line
-- run as the owner. The server may read and change what its use cases change, but only add to the event log.
-- The role is created without login: the embedded database gives it a generated password at start
-- (src/db/server-role.ts); with an external database the operator does (docs/SECURITY.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'motcua_app') THEN
    CREATE ROLE motcua_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO motcua_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO motcua_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO motcua_app;
-- Tables of later migrations are the server's to use unless a migration says otherwise.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO motcua_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO motcua_app;

-- The event log is the truth: the server adds to it and reads it, nothing else. The schema is the owner's.
REVOKE UPDATE, DELETE, TRUNCATE ON dossier_events FROM motcua_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM motcua_app;

-- The append-only trigger covered UPDATE and DELETE; TRUNCATE fires statement triggers only.
CREATE TRIGGER dossier_events_no_truncate BEFORE TRUNCATE ON dossier_events
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_events_append_only();

-- Hash chain per dossier: each event carries the hash of the dossier's previous event and its own hash over
-- its content and that previous hash. An edited, deleted or reordered event breaks the chain even when the
-- projection is edited to match; `motcua verify dossiers` walks it. The hash is computed by a BEFORE INSERT
-- trigger, so the one writer's statement is unchanged.
ALTER TABLE dossier_events ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;

-- %L quotes every value and writes NULL bare, so no two different rows share an encoding.
CREATE FUNCTION dossier_event_digest(e dossier_events, prev bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(convert_to(format(
    '%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L',
    encode(prev, 'hex'), e.dossier_id, e.seq, e.action, e.actor_id, e.actor_role, e.actor_agency,
    e.agency_code, e.from_step, e.to_step, e.from_status, e.to_status, e.note, e.payload::text,
    extract(epoch FROM e.at)::text
  ), 'UTF8'))
$$;

CREATE FUNCTION dossier_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Events of one dossier are written one at a time under its row lock (the one writer), so the previous
  -- event read here is the last one.
  SELECT hash INTO NEW.prev_hash FROM dossier_events
   WHERE dossier_id = NEW.dossier_id ORDER BY seq DESC LIMIT 1;
  NEW.hash := dossier_event_digest(NEW, NEW.prev_hash);
  RETURN NEW;
END $$;

-- Events already written are chained in order, once.
ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_no_update;
DO $$
DECLARE
  r dossier_events%ROWTYPE;
  previous bytea;
  current_dossier bigint := -1;
BEGIN
  FOR r IN SELECT * FROM dossier_events ORDER BY dossier_id, seq LOOP
    IF r.dossier_id <> current_dossier THEN
      previous := NULL;
      current_dossier := r.dossier_id;
    END IF;
    UPDATE dossier_events SET prev_hash = previous, hash = dossier_event_digest(r, previous)
     WHERE id = r.id RETURNING hash INTO previous;
  END LOOP;
END $$;
ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_no_update;
ALTER TABLE dossier_events ALTER COLUMN hash SET NOT NULL;

CREATE TRIGGER dossier_events_chain BEFORE INSERT ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION dossier_events_chain();
