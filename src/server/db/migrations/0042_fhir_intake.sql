-- Issue 15, notification intake over FHIR (src/server/fhir-intake/): the receipt of each notification
-- Bundle a clinic system posted, under the Bundle's identifier (system + value) within the posting
-- institution. Posting the same Bundle again answers this receipt and writes nothing; the same
-- identifier with other content is refused. Kept as long as the notification (no expiry, unlike
-- the 24-hour Idempotency-Key): a clinic system may resend a Bundle days later.
CREATE TABLE "fhir_intake_receipts" (
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"identifier_system" text NOT NULL,
	"identifier_value" text NOT NULL,
	"bundle_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"outcome" jsonb NOT NULL,
	"case_id" uuid REFERENCES "cases"("id"),
	"notification_id" uuid REFERENCES "notifications"("id"),
	"created_by" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fhir_intake_receipts_pk" PRIMARY KEY ("org_id", "identifier_system", "identifier_value"),
	CONSTRAINT "fhir_intake_receipts_status_check" CHECK ("status_code" in (200, 201))
);
--> statement-breakpoint
GRANT SELECT, INSERT ON fhir_intake_receipts TO hersys_app;
--> statement-breakpoint
ALTER TABLE fhir_intake_receipts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- An institution's receipts are its own: only its users read them, and each writes their own.
CREATE POLICY fhir_intake_receipts_read ON fhir_intake_receipts FOR SELECT TO hersys_app
  USING (org_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY fhir_intake_receipts_write ON fhir_intake_receipts FOR INSERT TO hersys_app
  WITH CHECK (org_id = (SELECT app_org_id()) AND created_by = (SELECT app_user_id()));
