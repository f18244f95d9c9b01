-- Issue 14, retention: after the operator's period from a case's end (release or death), the
-- retention job (src/server/retention/) removes the person's identity and keeps what counting reads
-- (src/domain/privacy/retention.ts). persons.retained_at marks a person done, so a rerun does nothing new.
ALTER TABLE "persons" ADD COLUMN "retained_at" timestamp with time zone;
--> statement-breakpoint

-- The job's runs: when, how many, dry run or not; counts only, no personal data.
CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"dry_run" boolean NOT NULL,
	"retention_years" integer NOT NULL,
	"persons_due" integer DEFAULT 0 NOT NULL,
	"persons_processed" integer DEFAULT 0 NOT NULL,
	"audit_rows_redacted" integer DEFAULT 0 NOT NULL,
	"audit_rows_kept" integer DEFAULT 0 NOT NULL,
	"triggered_by" text NOT NULL,
	"failed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "retention_runs_triggered_by_check" CHECK ("triggered_by" in ('scheduler','cli'))
);
--> statement-breakpoint
CREATE INDEX "retention_runs_started_idx" ON "retention_runs" USING btree ("started_at");
--> statement-breakpoint
-- The ministry's or a prefecture's administrator and the privacy officers read the runs (counts only).
GRANT SELECT ON retention_runs TO hersys_app;
--> statement-breakpoint
ALTER TABLE retention_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY retention_runs_read ON retention_runs FOR SELECT TO hersys_app
  USING (app_has_role('privacy_officer') OR (app_has_role('org_admin') AND app_org_kind() IN ('ministry', 'prefecture')));
--> statement-breakpoint

-- Whether every case of the person ended on or before the day (released or died), and every
-- monitoring of theirs as a close contact: the SQL form of personDueOn (src/domain/privacy/retention.ts),
-- which finds the persons; the job decides with the rule.
CREATE FUNCTION retention_all_ended_by(p_person uuid, p_ended_by date) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p_person) OR EXISTS (SELECT 1 FROM contacts k WHERE k.person_id = p_person))
     AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p_person
                      AND (c.current_status IS NULL OR c.current_status NOT IN ('released', 'died')
                           OR c.status_effective_on IS NULL OR c.status_effective_on > p_ended_by))
     AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.person_id = p_person AND k.monitoring_ends_on > p_ended_by)
$$;
--> statement-breakpoint
-- The screen's counts (no person named): persons due now, and the earliest end among those whose
-- cases have all ended but are not due yet. For whom may read the runs; over every person.
CREATE FUNCTION retention_due(p_ended_by date, OUT due_now integer, OUT next_end date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT (app_has_role('privacy_officer') OR (app_has_role('org_admin') AND app_org_kind() IN ('ministry', 'prefecture'))) THEN
    RAISE EXCEPTION 'retention_due: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT count(*) INTO due_now FROM persons p WHERE p.retained_at IS NULL AND retention_all_ended_by(p.id, p_ended_by);
  SELECT min(x.last_end) INTO next_end FROM (
    SELECT max(c.status_effective_on) AS last_end FROM persons p JOIN cases c ON c.person_id = p.id
     WHERE p.retained_at IS NULL GROUP BY p.id
    HAVING bool_and(c.current_status IN ('released', 'died') AND c.status_effective_on IS NOT NULL)
       AND max(c.status_effective_on) > p_ended_by) x;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION retention_due(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION retention_due(date) TO hersys_app;
--> statement-breakpoint

-- Audit rows of hash version 3 hash each value of their details as a digest (src/server/audit/chain.ts):
-- audit_append() now stores the version the application hashed with.
CREATE OR REPLACE FUNCTION audit_append(p_rows jsonb) RETURNS integer
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
            r->>'client_addr', r->>'outcome', r->'details', prev, h, coalesce((r->>'hash_version')::integer, 2));
    prev := h;
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
--> statement-breakpoint

-- Append-only stays append-only, with one exception: the retention job, working as the owner (never
-- the application's roles) with hersys.retention set in its transaction, may clear the personal
-- values of a row and nothing else. The audit log: the details of a version 3 row, whose values it
-- replaces by their digests (the verifier checks them). The status history: its free-text note and
-- reason. The corrections' history: the old and new values and the reason. A superseded notification:
-- the occupation and the free text of its answers.
CREATE FUNCTION app_retention_may_clear(p_old jsonb, p_new jsonb, p_columns text[]) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT current_setting('hersys.retention', true) = 'on'
     AND current_user NOT IN ('hersys_app', 'hersys_patient')
     AND (p_old - p_columns) = (p_new - p_columns)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash_version = 3 AND app_retention_may_clear(to_jsonb(OLD), to_jsonb(NEW), ARRAY['details']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION followup_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'case_status_changes' AND app_retention_may_clear(to_jsonb(OLD), to_jsonb(NEW), ARRAY['note', 'reason']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION notification_changes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND app_retention_may_clear(to_jsonb(OLD), to_jsonb(NEW), ARRAY['changes', 'reason']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'notification_changes is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION notifications_superseded_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.superseded_at IS NOT NULL AND NOT app_retention_may_clear(to_jsonb(OLD), to_jsonb(NEW), ARRAY['occupation', 'answers']) THEN
    RAISE EXCEPTION 'notification % was superseded (追加登録) and is read-only', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
