CREATE TABLE "access_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"audit_seq" bigint NOT NULL,
	"org_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"answer" text
);
--> statement-breakpoint
CREATE TABLE "household_links" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"head_case_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_links_not_self_check" CHECK ("household_links"."case_id" <> "household_links"."head_case_id")
);
--> statement-breakpoint
CREATE TABLE "patient_access" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"invited_by" uuid,
	"channel" text NOT NULL,
	"observe_until" date NOT NULL,
	"reminder_time" text,
	"reminders_paused_at" timestamp with time zone,
	"reminders_paused_by" uuid,
	"last_reminded_on" date,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"last_failed_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "patient_access_channel_check" CHECK ("patient_access"."channel" in ('email','sms')),
	CONSTRAINT "patient_access_reminder_time_check" CHECK ("patient_access"."reminder_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "patient_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"case_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"client_addr" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_reason" text,
	CONSTRAINT "patient_sessions_stage_check" CHECK ("patient_sessions"."stage" in ('code','done'))
);
--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_kind_check";--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "health_observations" ADD COLUMN "feeling" text;--> statement-breakpoint
ALTER TABLE "health_observations" ADD COLUMN "replaced_by" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "report_due_time" text DEFAULT '08:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reminder_time" text DEFAULT '07:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "access_questions" ADD CONSTRAINT "access_questions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_questions" ADD CONSTRAINT "access_questions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_questions" ADD CONSTRAINT "access_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_links" ADD CONSTRAINT "household_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_links" ADD CONSTRAINT "household_links_head_case_id_cases_id_fk" FOREIGN KEY ("head_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_links" ADD CONSTRAINT "household_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_access" ADD CONSTRAINT "patient_access_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_access" ADD CONSTRAINT "patient_access_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_access" ADD CONSTRAINT "patient_access_reminders_paused_by_users_id_fk" FOREIGN KEY ("reminders_paused_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_sessions" ADD CONSTRAINT "patient_sessions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_questions_org_idx" ON "access_questions" USING btree ("org_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "access_questions_case_seq_key" ON "access_questions" USING btree ("case_id","audit_seq");--> statement-breakpoint
CREATE INDEX "household_links_head_idx" ON "household_links" USING btree ("head_case_id");--> statement-breakpoint
CREATE INDEX "patient_access_observe_idx" ON "patient_access" USING btree ("observe_until") WHERE "patient_access"."reminders_paused_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_sessions_token_hash_key" ON "patient_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "patient_sessions_case_idx" ON "patient_sessions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "patient_sessions_expires_idx" ON "patient_sessions" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "health_observations" ADD CONSTRAINT "health_observations_replaced_by_health_observations_id_fk" FOREIGN KEY ("replaced_by") REFERENCES "public"."health_observations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "health_observations_self_day_key" ON "health_observations" USING btree ("case_id","observed_on") WHERE "health_observations"."source" = 'self' AND "health_observations"."replaced_by" IS NULL;--> statement-breakpoint
ALTER TABLE "health_observations" ADD CONSTRAINT "health_observations_feeling_check" CHECK ("health_observations"."feeling" in ('better','same','worse'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_report_due_time_check" CHECK ("organizations"."report_due_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_reminder_time_check" CHECK ("organizations"."reminder_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_kind_check" CHECK ("outbox"."kind" in ('email','sms'));--> statement-breakpoint

-- My HER-SYS (issue 11). A patient acts as hersys_patient, a role of its own rather than a kind of
-- hersys_app user: it is granted only what a patient does (read their case, report, read who opened
-- their record), so a query bug in a patient's request cannot reach anything else. The session
-- check sets app.patient_case (the case signed in) and app.patient_case_ids (it and the household
-- dependants linked to it) in the same statement as the switch to the role (src/server/my/session-repo.ts).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hersys_patient') THEN
    CREATE ROLE hersys_patient NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT pg_has_role(current_user, 'hersys_patient', 'MEMBER') THEN
    EXECUTE format('GRANT hersys_patient TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION app_patient_case() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.patient_case', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_patient_case_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
$$ SELECT string_to_array(nullif(current_setting('app.patient_case_ids', true), ''), ',')::uuid[] $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hersys_patient;
--> statement-breakpoint
GRANT SELECT ON organizations TO hersys_patient;
--> statement-breakpoint
-- The directory of organisations (names, kinds, the centre's phone) is no secret.
CREATE POLICY organizations_patient ON organizations FOR SELECT TO hersys_patient USING (true);
--> statement-breakpoint
GRANT SELECT ON cases, persons, patient_access, household_links TO hersys_patient;
--> statement-breakpoint
-- Only what a report changes: the case's newest entry time, and the patient's reminder time.
GRANT UPDATE (last_observed_at) ON cases TO hersys_patient;
--> statement-breakpoint
GRANT UPDATE (reminder_time) ON patient_access TO hersys_patient;
--> statement-breakpoint
GRANT SELECT, INSERT ON health_observations, case_alerts, access_questions TO hersys_patient;
--> statement-breakpoint
-- The dates the isolation period counts from (domain/isolation.ts), and nothing else of a notification.
GRANT SELECT (id, case_id, status, onset_on, specimen_collected_on, diagnosed_on, first_submitted_at) ON notifications TO hersys_patient;
--> statement-breakpoint
CREATE POLICY notifications_patient ON notifications FOR SELECT TO hersys_patient USING (case_id = ANY ((SELECT app_patient_case_ids())::uuid[]));
--> statement-breakpoint
GRANT UPDATE (replaced_by) ON health_observations TO hersys_patient;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON idempotency_keys TO hersys_patient;
--> statement-breakpoint
GRANT INSERT ON audit_log TO hersys_patient;
--> statement-breakpoint
-- A question about an access tells the organisation's address that one waits (no personal data).
GRANT INSERT ON outbox TO hersys_patient;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_append(jsonb), audit_chain_head() TO hersys_patient;
--> statement-breakpoint
CREATE POLICY cases_patient ON cases TO hersys_patient USING (id = ANY ((SELECT app_patient_case_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY persons_patient ON persons FOR SELECT TO hersys_patient USING (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = persons.id));
--> statement-breakpoint
CREATE POLICY health_observations_patient ON health_observations TO hersys_patient
  USING (case_id = ANY ((SELECT app_patient_case_ids())::uuid[])) WITH CHECK (case_id = ANY ((SELECT app_patient_case_ids())::uuid[]) AND source = 'self');
--> statement-breakpoint
CREATE POLICY case_alerts_patient ON case_alerts TO hersys_patient USING (case_id = ANY ((SELECT app_patient_case_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE patient_access ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY patient_access_patient ON patient_access TO hersys_patient USING (case_id = ANY ((SELECT app_patient_case_ids())::uuid[]));
--> statement-breakpoint
-- Staff see and invite through the case (its own scope); the invitation row is the case's record.
GRANT SELECT, INSERT, UPDATE ON patient_access, household_links TO hersys_app;
--> statement-breakpoint
CREATE POLICY patient_access_scope ON patient_access TO hersys_app USING (app_sees_case(case_id));
--> statement-breakpoint
ALTER TABLE household_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY household_links_scope ON household_links TO hersys_app USING (app_sees_case(case_id) AND app_sees_case(head_case_id));
--> statement-breakpoint
GRANT DELETE ON household_links TO hersys_app;
--> statement-breakpoint
CREATE POLICY household_links_patient ON household_links FOR SELECT TO hersys_patient
  USING (head_case_id = (SELECT app_patient_case()) OR case_id = (SELECT app_patient_case()));
--> statement-breakpoint
ALTER TABLE access_questions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_questions_patient ON access_questions TO hersys_patient USING (case_id = ANY ((SELECT app_patient_case_ids())::uuid[]));
--> statement-breakpoint
-- The administrators of the organisation asked (and of those it issues IDs for) read and answer.
GRANT SELECT, UPDATE (answered_at, answered_by, answer) ON access_questions TO hersys_app;
--> statement-breakpoint
CREATE POLICY access_questions_admin ON access_questions TO hersys_app
  USING (app_has_role('org_admin') AND org_id = ANY ((SELECT app_issued_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY idempotency_keys_patient ON idempotency_keys TO hersys_patient
  USING (user_id = (SELECT app_patient_case())) WITH CHECK (user_id = (SELECT app_patient_case()));
--> statement-breakpoint
CREATE POLICY audit_log_patient_append ON audit_log FOR INSERT TO hersys_patient
  WITH CHECK (actor_user_id IS NULL AND actor_org_id IS NULL);
--> statement-breakpoint
-- "Who opened my record": the accesses by staff to the patient's cases, their persons and their
-- notifications, with the organisation and the roles of the ID that made them (never its name).
-- SECURITY DEFINER because a patient reads no users and no audit rows; it answers only for the
-- cases of the caller's own session.
CREATE INDEX audit_log_record_ids_idx ON audit_log USING gin (record_ids);
--> statement-breakpoint
CREATE FUNCTION app_patient_accesses(p_before bigint, p_limit integer)
RETURNS TABLE (seq bigint, at timestamptz, action text, record_type text, purpose text, outcome text,
               org_id uuid, org_kind text, org_name_ja text, org_name_en text, roles text[], case_ids uuid[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  ids text[];
BEGIN
  SELECT array_agg(DISTINCT x) INTO ids FROM (
    SELECT c.id::text AS x FROM cases c WHERE c.id = ANY (app_patient_case_ids())
    UNION SELECT c.person_id::text FROM cases c WHERE c.id = ANY (app_patient_case_ids())
    UNION SELECT n.id::text FROM notifications n WHERE n.case_id = ANY (app_patient_case_ids())) r;
  IF ids IS NULL THEN RETURN; END IF;
  RETURN QUERY
    SELECT a.seq, a.at, a.action, a.record_type, a.purpose, a.outcome, o.id, o.kind, o.name_ja, o.name_en, u.roles,
           ARRAY(SELECT c.id FROM cases c WHERE c.id = ANY (app_patient_case_ids())
                 AND (c.id::text = ANY (a.record_ids) OR c.person_id::text = ANY (a.record_ids)
                      OR EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = c.id AND n.id::text = ANY (a.record_ids))))
    FROM audit_log a
    JOIN organizations o ON o.id = a.actor_org_id
    LEFT JOIN users u ON u.id = a.actor_user_id
    WHERE a.record_ids && ids AND a.actor_user_id IS NOT NULL AND (p_before IS NULL OR a.seq < p_before)
    ORDER BY a.seq DESC
    LIMIT least(greatest(p_limit, 1), 200);
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_patient_accesses FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_patient_accesses TO hersys_patient;
--> statement-breakpoint
-- The work relationships of organisations with the patient's cases, with their periods: what
-- explains an access to the patient (src/domain/access-explanation.ts). A centre that handed the
-- case over was responsible until the transfer; a stay or an assignment for its period.
CREATE FUNCTION app_patient_case_relations()
RETURNS TABLE (org_id uuid, kind text, from_at timestamptz, until_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.reporting_org_id, 'reporting', NULL::timestamptz, NULL::timestamptz FROM cases c
   WHERE c.id = ANY (app_patient_case_ids()) AND c.reporting_org_id IS NOT NULL
  UNION ALL
  SELECT c.responsible_hc_id, 'responsible', NULL, NULL FROM cases c WHERE c.id = ANY (app_patient_case_ids())
  UNION ALL
  SELECT t.from_hc_id, 'responsible', NULL, t.changed_at FROM case_transfers t WHERE t.case_id = ANY (app_patient_case_ids())
  UNION ALL
  SELECT r.hc_id, 'related', NULL, NULL FROM case_related_hcs r WHERE r.case_id = ANY (app_patient_case_ids())
  UNION ALL
  SELECT a.org_id, CASE a.kind WHEN 'followup' THEN 'assigned' ELSE 'stay' END, a.starts_at, a.ends_at
    FROM case_assignments a WHERE a.case_id = ANY (app_patient_case_ids())
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_patient_case_relations FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_patient_case_relations TO hersys_patient;
