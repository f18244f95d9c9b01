-- Issue 14, Q&A 21–22: pseudonymised extracts for analysis and for third parties. Each extract is
-- logged here with who made it, for what purpose and for whom, the quasi-identifiers and k, and how
-- many rows were released and suppressed. The extract's pseudonym key is never stored: no one, the
-- database owner included, can link an extract back to the cases (src/server/extracts/pseudonym.ts).
CREATE TABLE "extracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"user_name" text NOT NULL,
	"org_name" text NOT NULL,
	"scope" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"quasi_identifiers" text[] NOT NULL,
	"k" integer NOT NULL,
	"rows_read" integer NOT NULL,
	"rows_released" integer NOT NULL,
	"rows_suppressed" integer NOT NULL,
	"cells_suppressed" integer NOT NULL,
	"suppressed_column" text,
	"purpose" text NOT NULL,
	"recipient" text NOT NULL,
	"format" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extracts_k_check" CHECK ("k" BETWEEN 2 AND 100),
	CONSTRAINT "extracts_period_check" CHECK ("period_to" >= "period_from"),
	CONSTRAINT "extracts_rows_check" CHECK ("rows_released" >= 0 AND "rows_suppressed" >= 0 AND "rows_released" + "rows_suppressed" = "rows_read"),
	CONSTRAINT "extracts_quasi_identifiers_check" CHECK (cardinality("quasi_identifiers") >= 1
	  AND "quasi_identifiers" <@ ARRAY['age_band','sex','municipality','onset_week','diagnosis_week']::text[]),
	CONSTRAINT "extracts_format_check" CHECK ("format" in ('csv','xlsx'))
);
--> statement-breakpoint
CREATE INDEX "extracts_org_created_idx" ON "extracts" USING btree ("org_id","created_at");
--> statement-breakpoint
-- The log is append-only for the application: made by its user in their organisation, now, by a role
-- that may make extracts (permissions.ts 'extracts.create'); read by the organisation's holders of
-- that right and by the privacy officers of its tree (app_review_org_ids, as the access review).
ALTER TABLE extracts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT ON extracts TO hersys_app;
--> statement-breakpoint
CREATE POLICY extracts_read ON extracts FOR SELECT TO hersys_app
  USING ((org_id = (SELECT app_org_id()) AND (app_has_role('hc_staff') OR app_has_role('prefecture_staff')))
         OR org_id = ANY ((SELECT app_review_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY extracts_log ON extracts FOR INSERT TO hersys_app
  WITH CHECK (user_id = (SELECT app_user_id()) AND org_id = (SELECT app_org_id()) AND created_at = now()
              AND (app_has_role('hc_staff') OR app_has_role('prefecture_staff')));
