-- Issue 14: break-the-glass. A user who needs a case outside their scope gets a time-limited grant
-- (src/domain/privacy/break-glass.ts); the grant is a row here, and the scope functions read it, so
-- row-level security stays the one place that says who sees what (DESIGN.md §5, "Access beyond scope").
-- A grant keeps the names of who asked and the case number as they were: the centre reads it without
-- the users table, and the user after the case is out of reach again.
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"responsible_hc_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"case_number" text NOT NULL,
	"user_name" text NOT NULL,
	"org_name" text NOT NULL,
	"responsible_hc_name" text NOT NULL,
	"reason" text NOT NULL,
	"note" text NOT NULL,
	"writes" boolean NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"seen_at" timestamp with time zone,
	"seen_by" uuid REFERENCES "users"("id"),
	"seen_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "break_glass_grants_reason_check" CHECK ("reason" in ('emergency_treatment','emergency_admission','transfer_pending','public_health_risk')),
	CONSTRAINT "break_glass_grants_period_check" CHECK ("expires_at" > "granted_at" AND "expires_at" - "granted_at" <= interval '24 hours')
);
--> statement-breakpoint
-- The grant check of every policy: the user's unended grants on one case (an index probe that finds nothing for almost everyone).
CREATE INDEX "break_glass_grants_user_case_idx" ON "break_glass_grants" USING btree ("user_id","case_id","expires_at") WHERE "ended_at" IS NULL;
--> statement-breakpoint
-- The responsible centre's list, newest first.
CREATE INDEX "break_glass_grants_centre_idx" ON "break_glass_grants" USING btree ("responsible_hc_id","granted_at");
--> statement-breakpoint
CREATE INDEX "break_glass_grants_case_idx" ON "break_glass_grants" USING btree ("case_id");
--> statement-breakpoint

-- The ordinary scope of one case: exactly app_sees_case() of migration 0019, which now adds the grants.
CREATE FUNCTION app_in_scope_case(p_case uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case AND (
           c.responsible_hc_id = app_scope_hc()
           OR c.reporting_org_id = app_scope_institution()
           OR c.prefecture_id = app_scope_prefecture()))
    OR EXISTS (SELECT 1 FROM case_related_hcs r WHERE r.case_id = p_case AND r.hc_id = app_scope_hc())
    OR EXISTS (SELECT 1 FROM case_assignments a
               WHERE a.case_id = p_case AND a.org_id = app_org_id()
                 AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
                 AND (app_has_role('facility_staff') OR app_has_role('followup_staff')
                      OR (app_org_kind() = 'medical_institution' AND (app_has_role('doctor') OR app_has_role('clerk')))));
END $$;
--> statement-breakpoint
-- Whether the acting user holds a grant in force on the case (one for writing, when p_write).
CREATE FUNCTION app_has_grant(p_case uuid, p_write boolean) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM break_glass_grants g
                 WHERE g.user_id = app_user_id() AND g.case_id = p_case AND g.ended_at IS NULL
                   AND g.expires_at > now() AND g.granted_at <= now() AND (g.writes OR NOT p_write));
END $$;
--> statement-breakpoint
-- The cases the acting user holds a grant on, for the cases policies (computed once per statement).
CREATE FUNCTION app_granted_case_ids(p_write boolean) RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(g.case_id), '{}') FROM break_glass_grants g
          WHERE g.user_id = app_user_id() AND g.ended_at IS NULL AND g.expires_at > now()
            AND g.granted_at <= now() AND (g.writes OR NOT p_write));
END $$;
--> statement-breakpoint
-- Seeing a case: the ordinary scope first; a grant is looked up only when that fails.
CREATE OR REPLACE FUNCTION app_sees_case(p_case uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN app_in_scope_case(p_case) OR app_has_grant(p_case, false);
END $$;
--> statement-breakpoint
-- Writing a record of a case: refused only while the user's one way in is a read-only grant. Without
-- any grant of the user's on the case (one index probe), the ordinary policies decide as before.
CREATE FUNCTION app_writes_case(p_case uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN p_case IS NULL
    OR NOT EXISTS (SELECT 1 FROM break_glass_grants g
                   WHERE g.user_id = app_user_id() AND g.case_id = p_case AND g.ended_at IS NULL AND g.expires_at > now())
    OR app_in_scope_case(p_case) OR app_has_grant(p_case, true);
END $$;
--> statement-breakpoint
-- The same for a person: refused while a read-only grant on one of the person's cases is the way in.
CREATE FUNCTION app_writes_person(p_person uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN NOT EXISTS (SELECT 1 FROM break_glass_grants g JOIN cases c ON c.id = g.case_id
                     WHERE g.user_id = app_user_id() AND c.person_id = p_person AND g.ended_at IS NULL AND g.expires_at > now())
    OR EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p_person AND (app_in_scope_case(c.id) OR app_has_grant(c.id, true)));
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_in_scope_case, app_has_grant, app_granted_case_ids, app_writes_case, app_writes_person FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_in_scope_case, app_has_grant, app_granted_case_ids, app_writes_case, app_writes_person TO hersys_app;
--> statement-breakpoint

-- The cases table: cases_scope (migration 0001) stays as it is for the work lists and searches; a
-- grant adds the case for reading, and for updating when it allows writing.
CREATE POLICY cases_granted_read ON cases FOR SELECT TO hersys_app
  USING (id = ANY ((SELECT app_granted_case_ids(false))::uuid[]));
--> statement-breakpoint
CREATE POLICY cases_granted_write ON cases FOR UPDATE TO hersys_app
  USING (id = ANY ((SELECT app_granted_case_ids(true))::uuid[]));
--> statement-breakpoint

-- The records of a case are seen with it (app_sees_case, now with grants); writing them is also
-- checked by a restrictive policy, so a read-only grant reads and never writes.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['lab_tests', 'notifications', 'case_status_changes', 'residences', 'admissions', 'clinical_course',
                           'health_observations', 'case_alerts', 'processing_numbers', 'case_external_ids', 'patient_access',
                           'household_links', 'case_related_hcs', 'case_assignments'] LOOP
    EXECUTE format('CREATE POLICY %I ON %I AS RESTRICTIVE FOR INSERT TO hersys_app WITH CHECK (app_writes_case(case_id))', t || '_grant_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I AS RESTRICTIVE FOR UPDATE TO hersys_app USING (app_writes_case(case_id))', t || '_grant_update', t);
    EXECUTE format('CREATE POLICY %I ON %I AS RESTRICTIVE FOR DELETE TO hersys_app USING (app_writes_case(case_id))', t || '_grant_delete', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE POLICY notification_submissions_grant_insert ON notification_submissions AS RESTRICTIVE FOR INSERT TO hersys_app
  WITH CHECK (app_writes_case((SELECT n.case_id FROM notifications n WHERE n.id = notification_id)));
--> statement-breakpoint
CREATE POLICY notification_changes_grant_insert ON notification_changes AS RESTRICTIVE FOR INSERT TO hersys_app
  WITH CHECK (app_writes_case((SELECT n.case_id FROM notifications n WHERE n.id = notification_id)));
--> statement-breakpoint
CREATE POLICY contact_exposures_grant_insert ON contact_exposures AS RESTRICTIVE FOR INSERT TO hersys_app
  WITH CHECK (app_writes_case(source_case_id));
--> statement-breakpoint
CREATE POLICY contacts_grant_insert ON contacts AS RESTRICTIVE FOR INSERT TO hersys_app
  WITH CHECK (app_writes_case(became_case_id));
--> statement-breakpoint
CREATE POLICY contacts_grant_update ON contacts AS RESTRICTIVE FOR UPDATE TO hersys_app
  USING (app_writes_case(became_case_id));
--> statement-breakpoint
CREATE POLICY persons_grant_update ON persons AS RESTRICTIVE FOR UPDATE TO hersys_app
  USING (app_writes_person(id));
--> statement-breakpoint

-- The grants themselves: the user sees and ends their own; the responsible centre sees those on its
-- cases and marks them seen. A grant is made for the acting user only, now, for at most 24 hours.
ALTER TABLE break_glass_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT ON break_glass_grants TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (ended_at, seen_at, seen_by, seen_by_name, version) ON break_glass_grants TO hersys_app;
--> statement-breakpoint
CREATE POLICY break_glass_grants_read ON break_glass_grants FOR SELECT TO hersys_app
  USING (user_id = (SELECT app_user_id()) OR responsible_hc_id = (SELECT app_scope_hc()));
--> statement-breakpoint
CREATE POLICY break_glass_grants_open ON break_glass_grants FOR INSERT TO hersys_app
  WITH CHECK (user_id = (SELECT app_user_id()) AND org_id = (SELECT app_org_id()) AND granted_at = now() AND ended_at IS NULL
              AND seen_at IS NULL AND (app_has_role('doctor') OR app_has_role('hc_staff')));
--> statement-breakpoint
CREATE POLICY break_glass_grants_change ON break_glass_grants FOR UPDATE TO hersys_app
  USING (user_id = (SELECT app_user_id()) OR responsible_hc_id = (SELECT app_scope_hc()));
--> statement-breakpoint

-- The search behind the glass: a case number, or a full name (kanji without spaces, or the kana key)
-- with the date of birth, matched exactly — never a list to browse. Only for the roles that may break
-- the glass; it answers ids, the HER-SYS ID and the responsible centre, no identity.
CREATE FUNCTION break_glass_find(p_case_number text, p_name text, p_kana_key text, p_birth date)
RETURNS TABLE (case_id uuid, case_number text, responsible_hc_id uuid, in_scope boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL OR NOT (app_has_role('doctor') OR app_has_role('hc_staff')) THEN
    RETURN;
  END IF;
  -- Two indexed lookups (the HER-SYS ID's unique key; a person by date of birth, then their cases),
  -- never a scan of the cases.
  RETURN QUERY
    SELECT f.id, f.case_number, f.responsible_hc_id, app_in_scope_case(f.id)
      FROM (SELECT c.id, c.case_number, c.responsible_hc_id, c.created_at FROM cases c
             WHERE p_case_number IS NOT NULL AND c.case_number = p_case_number
            UNION
            SELECT c.id, c.case_number, c.responsible_hc_id, c.created_at
              FROM persons p JOIN cases c ON c.person_id = p.id
             WHERE p_birth IS NOT NULL AND p.birth_date = p_birth
               AND (replace(replace(p.name_kanji, ' ', ''), '　', '') = p_name
                    OR (p_kana_key IS NOT NULL AND p.name_kana_key = p_kana_key))) f
     ORDER BY f.created_at DESC
     LIMIT 5;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION break_glass_find FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION break_glass_find TO hersys_app;
