-- Issue 16, every notifiable disease. A case is an episode of one disease, chosen first at
-- registration: its notifications are filed under that disease's form (form_id = disease). The
-- deadline a notification is due by (直ちに: the day after the diagnosis; 7 days after it for most
-- of Category 5, src/domain/deadlines.ts) is kept with it, so that the centre's work list finds
-- drafts nearing it, and whether the first 「報告」 came after it.
ALTER TABLE "cases" ADD COLUMN "disease" text DEFAULT 'covid19' NOT NULL;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "due_on" date;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "submitted_late" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- The work list's deadlines: a centre's unsubmitted drafts by due date, and late ones not yet confirmed.
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("due_on") WHERE "status" = 'draft' OR ("submitted_late" AND "confirmed_at" IS NULL);
--> statement-breakpoint
-- The COVID-19 dashboards count COVID-19 cases: a case of another disease is counted in the weekly
-- surveillance report instead.
ALTER TABLE "case_counts" DROP CONSTRAINT "case_counts_counted_as_check";
--> statement-breakpoint
ALTER TABLE "case_counts" ADD CONSTRAINT "case_counts_counted_as_check" CHECK (counted_as IN ('counted', 'not_notified', 'withdrawn', 'same_episode', 'other_disease'));
--> statement-breakpoint
-- A change of disease (a mistaken choice corrected) recounts the case.
DROP TRIGGER cases_count ON cases;
--> statement-breakpoint
CREATE TRIGGER cases_count AFTER INSERT OR UPDATE OF person_id, prefecture_id, responsible_hc_id, disease ON cases
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
