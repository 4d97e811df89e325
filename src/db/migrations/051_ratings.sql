-- Citizens' ratings of returned dossiers (Decree 61/2018 art. 27–32; Circular 01/2018 art. 13–15), owned by
-- src/ratings. One rating per dossier. Indicators 1–4 are computed from the dossier's event log when it is
-- rated; 5–9 are the respondent's answers (null when not answered). Who rated is never stored beside it: the
-- dossier code links to the applicant only through the dossiers module, and no officer route reads a row.
CREATE TABLE ratings (
  id              bigserial PRIMARY KEY,
  dossier_code    text NOT NULL UNIQUE CHECK (length(dossier_code) <= 60),
  channel         text NOT NULL CHECK (channel IN ('online', 'paper')),
  quick           text NOT NULL CHECK (quick IN ('very_satisfied', 'satisfied', 'not_satisfied')),
  reason          text CHECK (length(reason) <= 2000),
  i1 smallint CHECK (i1 BETWEEN 0 AND 2),
  i3 smallint CHECK (i3 BETWEEN 0 AND 2),
  i4 smallint CHECK (i4 BETWEEN 0 AND 2),
  i5 smallint CHECK (i5 BETWEEN 0 AND 2),
  i6 smallint CHECK (i6 BETWEEN 0 AND 2),
  i7 smallint CHECK (i7 BETWEEN 0 AND 2),
  i8 smallint CHECK (i8 BETWEEN 0 AND 2),
  i9 smallint CHECK (i9 BETWEEN 0 AND 2),
  returned_at     timestamptz NOT NULL,
  period_year     integer NOT NULL CHECK (period_year BETWEEN 2000 AND 2100),
  period_quarter  integer NOT NULL CHECK (period_quarter BETWEEN 1 AND 4),
  -- The officer who typed a paper form in (not the respondent).
  entered_by      integer REFERENCES users (id),
  first_rated_at  timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  changes         integer NOT NULL DEFAULT 0,
  CHECK (quick <> 'not_satisfied' OR reason IS NOT NULL),
  CHECK ((channel = 'paper') = (entered_by IS NOT NULL))
);
CREATE INDEX ratings_period ON ratings (period_year, period_quarter);

-- Indicator 2 (each participant's time against its own limit) per agency, unit and officer who worked the
-- dossier; the parts also say which aggregates a rating belongs to.
CREATE TABLE rating_parts (
  rating_id   bigint NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
  level       text NOT NULL CHECK (level IN ('agency', 'unit', 'officer')),
  agency_code text NOT NULL,
  unit_code   text,
  officer_id  integer,
  i2          smallint CHECK (i2 BETWEEN 0 AND 2),
  CHECK ((level = 'unit') = (unit_code IS NOT NULL)),
  CHECK ((level = 'officer') = (officer_id IS NOT NULL))
);
CREATE UNIQUE INDEX rating_parts_once ON rating_parts (rating_id, level, agency_code, coalesce(unit_code, ''), coalesce(officer_id, 0));
CREATE INDEX rating_parts_by_level ON rating_parts (level, agency_code);

-- A quarter's results as published on the portal (frozen: later ratings do not change what was published).
CREATE TABLE rating_publications (
  period_year    integer NOT NULL,
  period_quarter integer NOT NULL CHECK (period_quarter BETWEEN 1 AND 4),
  rows           jsonb NOT NULL,
  published_by   integer NOT NULL REFERENCES users (id),
  published_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (period_year, period_quarter)
);

CREATE TABLE rating_settings (
  id         integer PRIMARY KEY CHECK (id = 1),
  settings   jsonb NOT NULL,
  updated_by integer REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
