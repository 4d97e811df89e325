-- Announced working-day schedules per year; every change is kept in the history table.
CREATE TABLE calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
  schedule   jsonb NOT NULL,
  updated_by integer REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_year_history (
  id         serial PRIMARY KEY,
  year       integer NOT NULL,
  schedule   jsonb NOT NULL,
  changed_by integer REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calendar_year_history_year ON calendar_year_history (year, id);
