-- Procedure content versions: a dossier keeps the version it was received under (time limit, fees,
-- documents, e-form, channels, online level); every edit is a new version with who, when and which decision.
CREATE TABLE procedure_versions (
  id              serial PRIMARY KEY,
  procedure_code  text NOT NULL REFERENCES procedures (code),
  version         integer NOT NULL CHECK (version > 0),
  content         jsonb NOT NULL,
  decision_number text,
  note            text,
  created_by      integer REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_code, version)
);

CREATE FUNCTION procedure_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'procedure versions never change; create a new version';
END $$;
CREATE TRIGGER procedure_versions_frozen BEFORE UPDATE OR DELETE ON procedure_versions
  FOR EACH ROW EXECUTE FUNCTION procedure_versions_frozen();

ALTER TABLE procedures ADD COLUMN version_id integer REFERENCES procedure_versions (id);

INSERT INTO procedure_versions (procedure_code, version, content, note)
SELECT p.code, 1,
       jsonb_build_object(
         'name', p.name, 'field', f.name, 'timeLimit', p.time_limit, 'fees', p.fees, 'documents', p.documents,
         'legalBasis', p.legal_basis, 'onlineLevel', p.online_level, 'channels', to_jsonb(p.channels),
         'resultType', p.result_type),
       'Phiên bản ghi nhận khi bắt đầu lưu lịch sử nội dung thủ tục'
FROM procedures p JOIN fields f ON f.code = p.field_code;
UPDATE procedures p SET version_id = v.id FROM procedure_versions v WHERE v.procedure_code = p.code;

ALTER TABLE dossiers ADD COLUMN procedure_version_id integer REFERENCES procedure_versions (id);
UPDATE dossiers d SET procedure_version_id = p.version_id FROM procedures p WHERE p.code = d.procedure_code;
ALTER TABLE dossiers ALTER COLUMN procedure_version_id SET NOT NULL;

-- Events written before payloads were typed: give them the fields the typed schema requires. This is a
-- one-time schema migration of stored history, so the append-only trigger is lifted for it alone.
ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_no_update;
UPDATE dossier_events e
SET payload = e.payload || jsonb_build_object('procedureVersionId', d.procedure_version_id)
FROM dossiers d
WHERE d.id = e.dossier_id AND e.seq = 1 AND NOT e.payload ? 'procedureVersionId';
UPDATE dossier_events SET payload = payload || '{"documents": []}'::jsonb
WHERE action IN ('submit', 'receive', 'submit_supplement') AND NOT payload ? 'documents';
ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_no_update;

-- The outbox: messages written in the same transaction as the change, one delivery per interested consumer,
-- drained by workers on any server process (FOR UPDATE SKIP LOCKED), in order per stream (a dossier).
CREATE TABLE outbox_consumers (
  name       text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.:-]{0,99}$'),
  handler    text NOT NULL,
  topic      text NOT NULL,
  kinds      text[],
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox_messages (
  id         bigserial PRIMARY KEY,
  topic      text NOT NULL,
  kind       text NOT NULL,
  stream     text NOT NULL,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox_deliveries (
  id           bigserial PRIMARY KEY,
  message_id   bigint NOT NULL REFERENCES outbox_messages (id),
  consumer     text NOT NULL REFERENCES outbox_consumers (name),
  handler      text NOT NULL,
  stream       text NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts     integer NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  lease_token  uuid,
  last_error   text,
  delivered_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (message_id, consumer)
);
CREATE INDEX outbox_deliveries_ready ON outbox_deliveries (handler, id) WHERE status = 'pending';
CREATE INDEX outbox_deliveries_stream ON outbox_deliveries (consumer, stream, id) WHERE status = 'pending';
CREATE INDEX outbox_deliveries_dead ON outbox_deliveries (consumer, id) WHERE status = 'dead';

-- Every attempt of every delivery (the delivery log operators read).
CREATE TABLE outbox_attempts (
  id          bigserial PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES outbox_deliveries (id),
  attempt     integer NOT NULL,
  started_at  timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  ok          boolean NOT NULL,
  status_code integer,
  error       text
);
CREATE INDEX outbox_attempts_delivery ON outbox_attempts (delivery_id, id);
CREATE INDEX outbox_attempts_recent ON outbox_attempts (started_at) WHERE NOT ok;

-- Wakes idle workers on every server process as soon as a transaction with new deliveries commits.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('motcua_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_deliveries_notify AFTER INSERT ON outbox_deliveries
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Webhooks: an administrator registers a URL and the event kinds it wants; each is an outbox consumer.
CREATE TABLE webhook_subscriptions (
  id          serial PRIMARY KEY,
  consumer    text NOT NULL UNIQUE REFERENCES outbox_consumers (name),
  url         text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  kinds       text[],
  secret      text NOT NULL,
  description text,
  active      boolean NOT NULL DEFAULT true,
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
