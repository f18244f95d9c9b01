-- Issue 16, every notifiable disease, in bulk: an upload is a file of one disease's notifications
-- (its template has that disease's columns, tests and classifications). The uploads made before
-- were COVID-19's.
ALTER TABLE "bulk_uploads" ADD COLUMN "disease" text DEFAULT 'covid19' NOT NULL;
--> statement-breakpoint
ALTER TABLE "bulk_uploads" ALTER COLUMN "disease" DROP DEFAULT;
