-- Citizens sign in through the national identity provider (OpenID Connect in the style of VNeID). The
-- provider's subject identifies the account; the identity number, name and birth date come from its claims
-- and are kept as verified, with the organisation the person represents, if any. An account made this way has no password (NULL: password login refuses it).
ALTER TABLE users
  ADD COLUMN identity_subject text UNIQUE CHECK (length(identity_subject) BETWEEN 1 AND 255),
  ADD COLUMN id_number text UNIQUE CHECK (id_number ~ '^[0-9]{12}$'),
  ADD COLUMN birth_date text CHECK (birth_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
  -- The organisation the person represents at law, as the identity provider says (a business's account).
  ADD COLUMN organisation_tax_code text CHECK (organisation_tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
  ADD COLUMN organisation_name text CHECK (length(organisation_name) BETWEEN 1 AND 300),
  ALTER COLUMN password_hash DROP NOT NULL,
  ADD CONSTRAINT users_identity_citizen CHECK (identity_subject IS NULL OR role = 'citizen'),
  ADD CONSTRAINT users_can_sign_in CHECK (password_hash IS NOT NULL OR identity_subject IS NOT NULL);

-- A session opened through the identity provider keeps its ID token, to end the session there too at logout.
ALTER TABLE sessions ADD COLUMN id_token text CHECK (length(id_token) <= 8192);
