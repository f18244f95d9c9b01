-- Issue 12 (access review), the part every piece of it stands on: the privacy officer's role
-- (個人情報保護管理者, DESIGN.md §4) and the mark of contractor staff (委託先), whose accesses the
-- compliance report lists apart (seed 000 §2).
ALTER TABLE users DROP CONSTRAINT users_roles_check;
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['doctor','clerk','hc_staff','prefecture_staff','coordination_hq','facility_staff','followup_staff','ministry_staff','org_admin','privacy_officer']::text[] AND cardinality(roles) > 0);
--> statement-breakpoint
ALTER TABLE users ADD COLUMN contractor_name text CHECK (contractor_name IS NULL OR length(btrim(contractor_name)) BETWEEN 1 AND 100);
