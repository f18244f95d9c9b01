-- Issue 15, bulk upload (一括登録, src/server/bulk-uploads/): a CSV or XLSX of notifications from a
-- clinic (or a health centre keying in faxes), kept as its rows until each is registered. The file
-- itself is not kept, only its SHA-256, so the same file uploaded again by the same organisation
-- finds the upload it made. Rows hold the values as typed and what the checks found: personal data
-- as sensitive as persons and cases, kept like them (in clear, behind row-level security; the
-- envelope of secrets at rest is for the server's keys, 0034) and seen only by the uploader's
-- organisation. A registered row keeps only the case it made and the masked name.
CREATE TABLE "bulk_uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"uploaded_by" uuid NOT NULL REFERENCES "users"("id"),
	"file_name" text NOT NULL,
	"file_format" text NOT NULL,
	"content_hash" text NOT NULL,
	"institution_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"source" text NOT NULL,
	"row_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_uploads_format_check" CHECK ("file_format" in ('csv','xlsx')),
	CONSTRAINT "bulk_uploads_source_check" CHECK ("source" in ('direct','fax','paper')),
	CONSTRAINT "bulk_uploads_hash_check" CHECK ("content_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "bulk_uploads_row_count_check" CHECK ("row_count" BETWEEN 1 AND 5000)
);
--> statement-breakpoint
-- The same file by the same organisation is one upload.
CREATE UNIQUE INDEX "bulk_uploads_file_idx" ON "bulk_uploads" USING btree ("org_id","content_hash");
--> statement-breakpoint
CREATE INDEX "bulk_uploads_org_idx" ON "bulk_uploads" USING btree ("org_id","created_at");
--> statement-breakpoint
CREATE TABLE "bulk_upload_rows" (
	"upload_id" uuid NOT NULL REFERENCES "bulk_uploads"("id") ON DELETE CASCADE,
	-- The row number in the file (the heading is row 1), as the spreadsheet shows it.
	"row_no" integer NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"cells" jsonb NOT NULL,
	"status" text DEFAULT 'unchecked' NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duplicates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	-- After a likely duplicate: 'new_person', or the person it is a new case of.
	"duplicate_decision" text,
	"masked_name" text,
	"case_id" uuid REFERENCES "cases"("id"),
	"case_number" text,
	"notification_id" uuid REFERENCES "notifications"("id"),
	"submitted" boolean DEFAULT false NOT NULL,
	"registered_at" timestamp with time zone,
	"registered_by" uuid REFERENCES "users"("id"),
	"version" integer DEFAULT 1 NOT NULL,
	PRIMARY KEY ("upload_id","row_no"),
	CONSTRAINT "bulk_upload_rows_status_check" CHECK ("status" in ('unchecked','error','duplicate','ready','registered')),
	CONSTRAINT "bulk_upload_rows_decision_check" CHECK ("duplicate_decision" IS NULL OR "duplicate_decision" = 'new_person'
	  OR "duplicate_decision" ~ '^person:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
	-- A registered row names its case; it is registered once.
	CONSTRAINT "bulk_upload_rows_registered_check" CHECK (("status" = 'registered') = ("case_id" IS NOT NULL AND "registered_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "bulk_upload_rows_status_idx" ON "bulk_upload_rows" USING btree ("upload_id","status","row_no");
--> statement-breakpoint
GRANT SELECT, INSERT ON "bulk_uploads" TO hersys_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "bulk_upload_rows" TO hersys_app;
--> statement-breakpoint
ALTER TABLE "bulk_uploads" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "bulk_upload_rows" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Who registers cases (src/domain/permissions.ts 'cases.register'), in the uploader's organisation.
CREATE FUNCTION app_bulk_uploader() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT app_has_role('doctor') OR app_has_role('clerk') OR app_has_role('hc_staff')
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_bulk_uploader FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_bulk_uploader TO hersys_app;
--> statement-breakpoint
CREATE POLICY bulk_uploads_read ON "bulk_uploads" FOR SELECT TO hersys_app
  USING (org_id = app_org_id() AND app_bulk_uploader());
--> statement-breakpoint
CREATE POLICY bulk_uploads_create ON "bulk_uploads" FOR INSERT TO hersys_app
  WITH CHECK (org_id = app_org_id() AND uploaded_by = app_user_id() AND app_bulk_uploader());
--> statement-breakpoint
CREATE POLICY bulk_upload_rows_scope ON "bulk_upload_rows" TO hersys_app
  USING (org_id = app_org_id() AND app_bulk_uploader())
  WITH CHECK (org_id = app_org_id() AND app_bulk_uploader()
    AND EXISTS (SELECT 1 FROM bulk_uploads u WHERE u.id = upload_id AND u.org_id = app_org_id()));
