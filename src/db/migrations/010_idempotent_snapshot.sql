-- Intake writes its idempotency key in the same statement as the dossier, with a snapshot of the dossier row as
-- created: a retry answers with the first response built from it (response_body stays for older keys).
ALTER TABLE idempotency_keys ADD COLUMN dossier_row jsonb;

-- Officer queues read waiting dossiers by their step's due instant, at the handling agency (back office) or at
-- the receiving agency (front desk); "waiting" includes processed dossiers whose result is to be returned.
CREATE INDEX dossiers_waiting_handling ON dossiers (handling_agency, step_due_at, id)
  WHERE status IN ('submitted', 'accepted', 'processing', 'processed');
CREATE INDEX dossiers_waiting_receiving ON dossiers (receiving_agency, step_due_at, id)
  WHERE status IN ('submitted', 'accepted', 'processing', 'processed');
DROP INDEX IF EXISTS dossiers_open_by_step_due;
