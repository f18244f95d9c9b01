-- Issue 14, secrets at rest (seed 002: database encryption). Envelope encryption (src/server/secrets/):
-- the master key (KEK) comes from the environment (HERSYS_MASTER_KEY; the embedded demo database
-- generates a development key beside its data directory) and is never stored here. It wraps the
-- data keys (DEKs) of data_keys; the active one seals new secrets. Each sealed value names its data
-- key, and each data key's wrapping names the master key, so `hersys keys rotate` can re-seal
-- under a new key and a wrong key fails with the key's name instead of decrypting garbage.
-- The application role gets no right on either table (no GRANT): only the owner reads them.
CREATE TABLE data_keys (
  id text PRIMARY KEY,
  -- The data key sealed under the master key: v1:<master key id>:<iv>:<ciphertext>:<tag>.
  wrapped text NOT NULL CHECK (wrapped LIKE 'v1:%'),
  active boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
--> statement-breakpoint
CREATE UNIQUE INDEX data_keys_one_active ON data_keys (active) WHERE active;
--> statement-breakpoint
-- Secrets of the server itself, sealed under a data key: the processing-number HMAC key; export
-- keys later.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  sealed text NOT NULL CHECK (sealed LIKE 'v1:%'),
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
REVOKE ALL ON data_keys, server_secrets FROM PUBLIC;
--> statement-breakpoint
-- TOTP secrets are sealed from now on. SQL has no key, so the secrets kept in clear so far are
-- sealed by the server at its next start, before it serves (Keyring.init), and by `hersys keys
-- rotate`. NOT VALID: the rows still in clear pass until then; every row written from now on must
-- hold a sealed value (or none).
ALTER TABLE credentials ADD CONSTRAINT credentials_totp_sealed
  CHECK ((totp_secret IS NULL OR totp_secret LIKE 'v1:%') AND (totp_pending_secret IS NULL OR totp_pending_secret LIKE 'v1:%')) NOT VALID;
--> statement-breakpoint
-- 処理番号: number_hash becomes an HMAC-SHA256 of the number under a server key (server_secrets),
-- which a copy of the database cannot reverse; the unique index stays (HMAC is deterministic).
-- An unsalted SHA-256 of 8 digits cannot become an HMAC without the number, and re-hashing on the
-- next use is no option: a number is used once, and lives PROCESSING_NUMBER_VALIDITY_HOURS (24 h by
-- default, 14 days at most). So the old hashes are erased: used and expired rows lose nothing (they
-- only serve the list, which never shows a number), and a number still redeemable is revoked — the
-- centre issues a new one at the patient's request, as it does for a lost one. Rows keep a unique
-- placeholder, so the unique index holds and no HMAC (64 hex digits) can collide with it.
UPDATE processing_numbers
   SET number_hash = 'erased:' || id::text,
       revoked_at = CASE WHEN used_at IS NULL AND revoked_at IS NULL AND expires_at > now() THEN now() ELSE revoked_at END
 WHERE number_hash NOT LIKE 'erased:%';
