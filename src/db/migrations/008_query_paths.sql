-- Indexes and a lookup table for the hot read paths, found by EXPLAIN ANALYZE at 1 M dossiers (docs/BENCHMARKS.md).

-- Officer queue: open dossiers of an agency in step-due order, so LIMIT stops early instead of sorting all of them.
CREATE INDEX dossiers_open_by_step_due ON dossiers (handling_agency, step_due_at, id)
  INCLUDE (status, process_id, step_key, assignee_id) WHERE finished_at IS NULL;

-- Indicators over a period: finished dossiers by finishing instant, covering what the on-time rate reads.
CREATE INDEX dossiers_finished ON dossiers (finished_at) INCLUDE (handling_agency, timeliness) WHERE timeliness IS NOT NULL;

-- The steps of every process version as rows, so queues join a small table instead of unpacking JSON per dossier.
CREATE TABLE process_steps (
  process_id integer NOT NULL REFERENCES processes (id),
  key        text NOT NULL,
  kind       text NOT NULL,
  role       text NOT NULL,
  unit       text,
  name       text NOT NULL,
  PRIMARY KEY (process_id, key)
);

CREATE FUNCTION processes_steps_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO process_steps (process_id, key, kind, role, unit, name)
  SELECT NEW.id, s->>'key', s->>'kind', s->>'role', s->>'unit', s->>'name' FROM jsonb_array_elements(NEW.steps) s;
  RETURN NEW;
END $$;
CREATE TRIGGER processes_steps_rows AFTER INSERT ON processes FOR EACH ROW EXECUTE FUNCTION processes_steps_rows();

-- A version's steps never change once written (a new version is a new row).
CREATE FUNCTION processes_steps_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.steps IS DISTINCT FROM OLD.steps THEN
    RAISE EXCEPTION 'the steps of a process version cannot change; create a new version';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER processes_steps_frozen BEFORE UPDATE ON processes FOR EACH ROW EXECUTE FUNCTION processes_steps_frozen();

INSERT INTO process_steps (process_id, key, kind, role, unit, name)
SELECT p.id, s->>'key', s->>'kind', s->>'role', s->>'unit', s->>'name' FROM processes p, jsonb_array_elements(p.steps) s;
