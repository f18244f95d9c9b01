-- Test records and notifications are seen and written by whoever may see their case
-- (cases_scope); the sub-selects on cases are themselves filtered by that policy.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON lab_tests, notifications, notification_submissions TO hersys_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON notification_changes TO hersys_app;
--> statement-breakpoint
ALTER TABLE lab_tests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lab_tests_scope ON lab_tests TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_scope ON notifications TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE notification_submissions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_submissions_scope ON notification_submissions TO hersys_app
  USING (EXISTS (SELECT 1 FROM notifications n WHERE n.id = notification_id));
--> statement-breakpoint
ALTER TABLE notification_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_changes_scope ON notification_changes TO hersys_app
  USING (EXISTS (SELECT 1 FROM notifications n WHERE n.id = notification_id));
