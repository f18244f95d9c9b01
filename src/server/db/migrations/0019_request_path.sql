CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint

-- Audit rows are appended in one statement at the end of their transaction (src/server/audit/audit.ts):
-- the application hashes each row's content; this function takes the chain's lock, reads the head
-- and links each row to the previous one: hash = SHA-256(prev_hash \n seq \n content_hash), which
-- the verifier recomputes in the application (src/server/audit/chain.ts). It runs as the caller, so
-- the audit_log_append policy still refuses rows in another user's name.
CREATE FUNCTION audit_append(p_rows jsonb) RETURNS integer
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
DECLARE
  r jsonb;
  s bigint;
  prev text;
  h text;
  n integer := 0;
BEGIN
  SELECT coalesce(head_seq, 0), coalesce(head_hash, repeat('0', 64)) INTO s, prev FROM audit_chain_head();
  FOR r IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
    s := s + 1;
    h := encode(sha256(convert_to(prev || E'\n' || s::text || E'\n' || (r->>'content_hash'), 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, at, actor_user_id, actor_org_id, action, record_type, record_ids, purpose,
                           client_addr, outcome, details, prev_hash, hash, hash_version)
    VALUES (s, (r->>'at')::timestamptz, (r->>'actor_user_id')::uuid, (r->>'actor_org_id')::uuid, r->>'action',
            r->>'record_type', ARRAY(SELECT jsonb_array_elements_text(r->'record_ids')), r->>'purpose',
            r->>'client_addr', r->>'outcome', r->'details', prev, h, 2);
    prev := h;
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
--> statement-breakpoint

-- A user's idempotency keys are theirs alone; kept 24 hours (src/server/jobs/old-idempotency-keys.ts),
-- and an expired one is deleted by its user's next request with the same key.
GRANT SELECT, INSERT, DELETE ON idempotency_keys TO hersys_app;
--> statement-breakpoint
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY idempotency_keys_own ON idempotency_keys TO hersys_app
  USING (user_id = (SELECT app_user_id())) WITH CHECK (user_id = (SELECT app_user_id()));
--> statement-breakpoint

-- Row-level security that plans at once. A policy that refers to another table under a policy is
-- expanded into the plan of every statement that touches it: persons_read (through cases and
-- contacts, each under its own policy) made a read of one person plan some sixty sub-plans (3 ms),
-- and a notification read with its case, person, tests and submissions planned the cases policy
-- six times (8-16 ms). The records of a case now ask app_sees_case() once per row instead, and the
-- scope functions are PL/pgSQL, whose plans each connection keeps: a call costs microseconds and a
-- statement plans in a fraction of a millisecond. The cases policy itself stays as it is: each of
-- its branches compares an indexed column, which is how a centre's cases are found among millions.
CREATE OR REPLACE FUNCTION app_related_case_ids() RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(r.case_id), '{}') FROM case_related_hcs r WHERE r.hc_id = app_scope_hc());
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_assigned_case_ids() RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(a.case_id), '{}') FROM case_assignments a
          WHERE (app_has_role('facility_staff') OR app_has_role('followup_staff')
                 OR (app_org_kind() = 'medical_institution' AND (app_has_role('doctor') OR app_has_role('clerk'))))
            AND a.org_id = app_org_id() AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now()));
END $$;
--> statement-breakpoint
-- Exactly the cases_scope policy (migration 0001), for policies and functions that apply it to one case.
-- A related centre and an assignment are looked up by the case (primary key, case index) rather than
-- through app_related_case_ids() / app_assigned_case_ids(), whose arrays cost a query and a scan
-- per call: a worklist or a page of persons calls this for each row.
CREATE OR REPLACE FUNCTION app_sees_case(p_case uuid) RETURNS boolean
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
-- Whether the caller may see a person: through a case it sees, or a contact it follows (exactly
-- persons_read of migration 0015, with the contacts policy spelled out).
CREATE FUNCTION app_sees_person(p_person uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p_person AND app_sees_case(c.id))
      OR ((app_scope_hc() IS NOT NULL OR app_scope_prefecture() IS NOT NULL) AND EXISTS (
            SELECT 1 FROM contacts ct WHERE ct.person_id = p_person AND (
              ct.responsible_hc_id = app_scope_hc()
              OR ct.prefecture_id = app_scope_prefecture()
              OR EXISTS (SELECT 1 FROM contact_exposures e WHERE e.contact_id = ct.id AND app_sees_case(e.source_case_id))
              OR app_sees_case(ct.became_case_id))));
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_sees_person FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_sees_person TO hersys_app;
--> statement-breakpoint
DROP POLICY persons_read ON persons;
--> statement-breakpoint
CREATE POLICY persons_read ON persons FOR SELECT TO hersys_app USING (app_sees_person(id));
--> statement-breakpoint
DROP POLICY persons_update ON persons;
--> statement-breakpoint
CREATE POLICY persons_update ON persons FOR UPDATE TO hersys_app USING (app_sees_person(id));
--> statement-breakpoint
-- The records of a case: seen and written with the case, as before.
DROP POLICY lab_tests_scope ON lab_tests;
--> statement-breakpoint
CREATE POLICY lab_tests_scope ON lab_tests TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY notifications_scope ON notifications;
--> statement-breakpoint
CREATE POLICY notifications_scope ON notifications TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY case_status_changes_scope ON case_status_changes;
--> statement-breakpoint
CREATE POLICY case_status_changes_scope ON case_status_changes TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY residences_scope ON residences;
--> statement-breakpoint
CREATE POLICY residences_scope ON residences TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY admissions_scope ON admissions;
--> statement-breakpoint
CREATE POLICY admissions_scope ON admissions TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY clinical_course_scope ON clinical_course;
--> statement-breakpoint
CREATE POLICY clinical_course_scope ON clinical_course TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY health_observations_scope ON health_observations;
--> statement-breakpoint
CREATE POLICY health_observations_scope ON health_observations TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY case_alerts_scope ON case_alerts;
--> statement-breakpoint
CREATE POLICY case_alerts_scope ON case_alerts TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY processing_numbers_scope ON processing_numbers;
--> statement-breakpoint
CREATE POLICY processing_numbers_scope ON processing_numbers TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY case_external_ids_scope ON case_external_ids;
--> statement-breakpoint
CREATE POLICY case_external_ids_scope ON case_external_ids TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY case_related_hcs_read ON case_related_hcs;
--> statement-breakpoint
CREATE POLICY case_related_hcs_read ON case_related_hcs FOR SELECT TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
DROP POLICY case_assignments_read ON case_assignments;
--> statement-breakpoint
CREATE POLICY case_assignments_read ON case_assignments FOR SELECT TO hersys_app USING (app_sees_case(case_id));
