-- Administrators register the organisations directly below their own (a health centre its
-- medical institutions, a prefecture its centres and facilities, the ministry the prefectures)
-- and edit the names and notification addresses of those they issue IDs for.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organizations_read ON organizations FOR SELECT TO hersys_app USING (true);
--> statement-breakpoint
CREATE POLICY organizations_register ON organizations FOR INSERT TO hersys_app
  WITH CHECK (app_has_role('org_admin') AND parent_id = app_org_id());
--> statement-breakpoint
CREATE POLICY organizations_edit ON organizations FOR UPDATE TO hersys_app
  USING (app_issues_for(id)) WITH CHECK (app_issues_for(id));
--> statement-breakpoint
GRANT INSERT ON organizations TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (name_ja, name_en, notification_email) ON organizations TO hersys_app;
