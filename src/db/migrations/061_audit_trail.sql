-- Who saw or changed whose data (issue 15, Decree 13/2023): one row per read of a dossier's personal data
-- and per change by an officer. Append-only for the server's role, hash-chained per day (Vietnam time):
-- each row carries the hash of the day's previous row, so `motcua verify audit` finds a row edited, deleted
-- or moved by anyone, the owner included.
CREATE TABLE audit_trail (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  day           date NOT NULL,
  actor_id      integer REFERENCES users (id),
  actor_role    text NOT NULL,
  actor_agency  text,
  kind          text NOT NULL CHECK (kind IN ('read', 'change')),
  purpose       text NOT NULL,
  dossier_code  text,
  request_id    text NOT NULL,
  detail        jsonb NOT NULL DEFAULT '{}',
  prev_hash     bytea,
  hash          bytea NOT NULL
);
CREATE INDEX audit_trail_dossier ON audit_trail (dossier_code, at) WHERE dossier_code IS NOT NULL;
CREATE INDEX audit_trail_actor ON audit_trail (actor_id, at);
CREATE INDEX audit_trail_day ON audit_trail (day, id);

REVOKE UPDATE, DELETE, TRUNCATE ON audit_trail FROM motcua_app;

CREATE FUNCTION audit_trail_digest(a audit_trail, prev bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(convert_to(format(
    '%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L',
    encode(prev, 'hex'), a.id, extract(epoch FROM a.at)::text, a.day, a.actor_id, a.actor_role,
    a.actor_agency, a.kind, a.purpose, a.dossier_code, a.request_id, a.detail::text
  ), 'UTF8'))
$$;

CREATE FUNCTION audit_trail_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.day := (NEW.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  -- Writers of one day take turns, so each row links to the one written just before it.
  PERFORM pg_advisory_xact_lock(7092060, (NEW.day - DATE '2000-01-01'));
  SELECT hash INTO NEW.prev_hash FROM audit_trail WHERE day = NEW.day ORDER BY id DESC LIMIT 1;
  NEW.hash := audit_trail_digest(NEW, NEW.prev_hash);
  RETURN NEW;
END $$;
CREATE TRIGGER audit_trail_chain BEFORE INSERT ON audit_trail
  FOR EACH ROW EXECUTE FUNCTION audit_trail_chain();

CREATE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_trail is append-only';
END $$;
CREATE TRIGGER audit_trail_no_update BEFORE UPDATE OR DELETE ON audit_trail
  FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
  FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only();
