-- Administrators register the organisations directly below their own (a health centre its
-- medical institutions, a prefecture its centres and facilities, the ministry the prefectures)
-- and edit the names and notification addresses of those they issue IDs for.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organizations_read ON organizations FOR SELECT TO hersys_app USING (true);
--> statement-breakpoint
CREATE POLICY organizations_register ON organizations FOR INSERT TO hersys_app
  WITH CHECK (app_has_role('org_admin') AND parent_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY organizations_edit ON organizations FOR UPDATE TO hersys_app
  USING (id = ANY ((SELECT app_issued_org_ids())::uuid[])) WITH CHECK (id = ANY ((SELECT app_issued_org_ids())::uuid[]));
--> statement-breakpoint
GRANT INSERT ON organizations TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (name_ja, name_en, notification_email) ON organizations TO hersys_app;
