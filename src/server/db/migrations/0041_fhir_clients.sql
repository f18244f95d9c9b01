-- Issue 15, FHIR R4 API: systems of a medical institution (its EHR, its lab system) that call /fhir
-- with SMART Backend Services (src/server/fhir/). Each client is registered by an administrator of
-- the institution's IDs (its own org_admin, or its health centre's, which issues them) with its public key (JWK) and acts through a service-account ID of the institution
-- (users row without credentials: it can never log in), so row-level security and the audit trail
-- apply to it unchanged and every audit row of its calls names that account, one per client.
CREATE TABLE "fhir_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"name" text NOT NULL,
	"jwk" jsonb NOT NULL,
	"alg" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "fhir_clients_alg_check" CHECK ("alg" in ('RS384','ES384')),
	CONSTRAINT "fhir_clients_scopes_check" CHECK (cardinality("scopes") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fhir_clients_user_key" ON "fhir_clients" USING btree ("user_id");
--> statement-breakpoint
CREATE INDEX "fhir_clients_org_idx" ON "fhir_clients" USING btree ("org_id");
--> statement-breakpoint
-- Access tokens (opaque, only their SHA-256 kept) and the assertion ids already used, kept until the
-- assertion's exp: written and read by the token endpoint and the bearer check as the system only.
CREATE TABLE "fhir_access_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL REFERENCES "fhir_clients"("id"),
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fhir_access_tokens_client_idx" ON "fhir_access_tokens" USING btree ("client_id");
--> statement-breakpoint
CREATE INDEX "fhir_access_tokens_expires_idx" ON "fhir_access_tokens" USING btree ("expires_at");
--> statement-breakpoint
CREATE TABLE "fhir_assertion_jtis" (
	"client_id" uuid NOT NULL REFERENCES "fhir_clients"("id"),
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("client_id", "jti")
);
--> statement-breakpoint
CREATE INDEX "fhir_assertion_jtis_expires_idx" ON "fhir_assertion_jtis" USING btree ("expires_at");
--> statement-breakpoint
REVOKE ALL ON fhir_access_tokens, fhir_assertion_jtis FROM hersys_app;
--> statement-breakpoint
-- The administrator of the institution's IDs registers, lists and revokes its clients (src/server/fhir-clients/).
GRANT SELECT, INSERT ON fhir_clients TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (revoked_at, revoked_by) ON fhir_clients TO hersys_app;
--> statement-breakpoint
ALTER TABLE fhir_clients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY fhir_clients_admin ON fhir_clients TO hersys_app
  USING (org_id = ANY ((SELECT app_issued_org_ids())::uuid[]))
  WITH CHECK (org_id = ANY ((SELECT app_issued_org_ids())::uuid[]) AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = org_id AND o.kind = 'medical_institution'));
--> statement-breakpoint
-- A client's service-account ID never gets a password: nobody may log in as a system (a reset of its
-- credentials by an administrator, or anything else, is refused as insufficient privilege).
CREATE FUNCTION fhir_service_account_no_credentials() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM fhir_clients WHERE user_id = NEW.user_id) THEN
    RAISE EXCEPTION 'the service-account ID of a FHIR client has no credentials' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER credentials_not_for_fhir_clients BEFORE INSERT OR UPDATE ON credentials
  FOR EACH ROW EXECUTE FUNCTION fhir_service_account_no_credentials();
