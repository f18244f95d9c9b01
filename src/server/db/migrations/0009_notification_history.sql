ALTER TABLE "notification_changes" ADD COLUMN "changed_by_name" text;--> statement-breakpoint
ALTER TABLE "notification_changes" ADD COLUMN "changed_by_org_name" text;--> statement-breakpoint
-- Q&A 8 in the database: a classification's first submission date is never changed, by anyone
-- working as the application (inserting an existing one does nothing; see recordFirstSubmission).
REVOKE UPDATE ON notification_submissions FROM hersys_app;
--> statement-breakpoint
-- Q&A 7 in the database: after 追加登録 the earlier notifications are read-only for everyone.
CREATE FUNCTION notifications_superseded_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.superseded_at IS NOT NULL THEN
    RAISE EXCEPTION 'notification % was superseded (追加登録) and is read-only', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER notifications_superseded_read_only BEFORE UPDATE ON notifications
  FOR EACH ROW EXECUTE FUNCTION notifications_superseded_read_only();
--> statement-breakpoint
-- The history of corrections is append-only too.
CREATE FUNCTION notification_changes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'notification_changes is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER notification_changes_no_update_delete BEFORE UPDATE OR DELETE ON notification_changes
  FOR EACH ROW EXECUTE FUNCTION notification_changes_refuse_change();
