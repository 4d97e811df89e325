-- A dossier whose applicant asked to withdraw it (status withdrawal_requested, national status 7) waits for an
-- officer to stop it: the officers' queues read it like the other waiting statuses, through the same indexes.
DROP INDEX IF EXISTS dossiers_waiting_handling;
DROP INDEX IF EXISTS dossiers_waiting_receiving;
CREATE INDEX dossiers_waiting_handling ON dossiers (handling_agency, step_due_at, id)
  WHERE status IN ('submitted', 'accepted', 'processing', 'withdrawal_requested', 'processed');
CREATE INDEX dossiers_waiting_receiving ON dossiers (receiving_agency, step_due_at, id)
  WHERE status IN ('submitted', 'accepted', 'processing', 'withdrawal_requested', 'processed');
