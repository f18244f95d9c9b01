-- Issue 15, bulk upload: the rows not registered are personal data kept outside any case. The
-- uploader's organisation may discard an upload (its unregistered rows deleted; the upload itself
-- too when none of its rows was registered, so the file may be uploaded again), and a daily job
-- deletes those of uploads untouched for BULK_UPLOAD_KEEP_DAYS. "Touched" is the last upload,
-- check, fix or registration (touched_at).
ALTER TABLE "bulk_uploads" ADD COLUMN "touched_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
CREATE INDEX "bulk_uploads_touched_idx" ON "bulk_uploads" USING btree ("touched_at");
--> statement-breakpoint
GRANT UPDATE ("touched_at") ON "bulk_uploads" TO hersys_app;
--> statement-breakpoint
GRANT DELETE ON "bulk_uploads" TO hersys_app;
--> statement-breakpoint
GRANT DELETE ON "bulk_upload_rows" TO hersys_app;
--> statement-breakpoint
CREATE POLICY bulk_uploads_touch ON "bulk_uploads" FOR UPDATE TO hersys_app
  USING (org_id = app_org_id() AND app_bulk_uploader())
  WITH CHECK (org_id = app_org_id() AND app_bulk_uploader());
--> statement-breakpoint
CREATE POLICY bulk_uploads_discard ON "bulk_uploads" FOR DELETE TO hersys_app
  USING (org_id = app_org_id() AND app_bulk_uploader());
