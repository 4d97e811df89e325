-- Early / on time / late, fixed when the dossier finishes (RULES.md §5), for the slip and the indicators.
ALTER TABLE dossiers ADD COLUMN timeliness text CHECK (timeliness IN ('early', 'on_time', 'late'));
