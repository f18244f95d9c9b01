-- Issue 12, the review: reports to the 通報窓口, the report an alert carries, and the narrow paths by
-- which the people who are not officers take part — the reporter files, the patient's question
-- reaches the queue, the asked user answers — and by which the officer reads the evidence.
CREATE TABLE "misuse_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reporter_user_id" uuid,
	"reporter_org_id" uuid,
	"reporter_name" text,
	"reporter_contact" text,
	"prefecture_id" uuid NOT NULL,
	"what" text NOT NULL,
	"happened" text,
	"suspect" text,
	"suspect_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "misuse_reports" ADD CONSTRAINT "misuse_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "misuse_reports" ADD CONSTRAINT "misuse_reports_reporter_org_id_organizations_id_fk" FOREIGN KEY ("reporter_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "misuse_reports" ADD CONSTRAINT "misuse_reports_prefecture_id_organizations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "misuse_reports" ADD CONSTRAINT "misuse_reports_suspect_org_id_organizations_id_fk" FOREIGN KEY ("suspect_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_alerts" ADD COLUMN "report_id" uuid;--> statement-breakpoint
ALTER TABLE "review_alerts" ADD CONSTRAINT "review_alerts_report_id_misuse_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."misuse_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_alerts_question_key" ON "review_alerts" USING btree ("question_id") WHERE "review_alerts"."question_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "review_alerts_report_key" ON "review_alerts" USING btree ("report_id") WHERE "review_alerts"."report_id" IS NOT NULL;--> statement-breakpoint

-- A report is read by the officers who see its alert, and by nobody else (the reporter's identity
-- is the officer's only). Filing goes through app_file_misuse_report below.
GRANT SELECT ON misuse_reports TO hersys_app;
--> statement-breakpoint
ALTER TABLE misuse_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY misuse_reports_officer ON misuse_reports FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM review_alerts a WHERE a.report_id = misuse_reports.id));
--> statement-breakpoint
-- The officer names the subject of an alert: the users of the organisations they review.
CREATE POLICY users_review_officer ON users FOR SELECT TO hersys_app
  USING (org_id = ANY ((SELECT app_review_org_ids())::uuid[]));
--> statement-breakpoint

-- 通報窓口: files a report and its alert for the prefecture's officers (the ministry's see it through
-- their tree). Signed in, the reporter and the prefecture are the session's own (a ministry user's:
-- the ministry), so neither can be claimed; the public form (run as the owner, no user) names the
-- prefecture it chose. Anyone may report, and nobody but an officer may write review_alerts: hence
-- a definer function rather than a grant.
CREATE FUNCTION app_file_misuse_report(p_prefecture uuid, p_what text, p_happened text, p_suspect text, p_suspect_org uuid, p_name text, p_contact text)
RETURNS TABLE (report_id uuid, alert_id uuid, review_org_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_review uuid;
  v_report uuid;
  v_alert uuid;
BEGIN
  IF app_user_id() IS NOT NULL THEN
    v_review := coalesce(app_prefecture_id(), app_org_id());
  ELSE
    SELECT o.id INTO v_review FROM organizations o WHERE o.id = p_prefecture AND o.kind = 'prefecture';
  END IF;
  IF v_review IS NULL THEN RAISE EXCEPTION 'no prefecture to report to' USING ERRCODE = '22023'; END IF;
  INSERT INTO misuse_reports (reporter_user_id, reporter_org_id, reporter_name, reporter_contact, prefecture_id, what, happened, suspect, suspect_org_id)
    VALUES (app_user_id(), app_org_id(), p_name, p_contact, v_review, p_what, p_happened, p_suspect, p_suspect_org)
    RETURNING id INTO v_report;
  INSERT INTO review_alerts (source, subject_org_id, review_org_id, day, report_id)
    VALUES ('report', coalesce(p_suspect_org, v_review), v_review, (now() AT TIME ZONE 'Asia/Tokyo')::date, v_report)
    RETURNING id INTO v_alert;
  RETURN QUERY SELECT v_report, v_alert, v_review;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_file_misuse_report FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_file_misuse_report TO hersys_app;
--> statement-breakpoint

-- A patient's question about an access (issue 11) lands in the queue of the organisation that made
-- the access, about the user who made it. The patient (hersys_patient) may raise it only for a
-- question of their own cases; the access and its user come from the audit log, never from them.
CREATE FUNCTION app_raise_question_alert(p_question uuid) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_alert uuid;
BEGIN
  INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, hits, question_id)
    SELECT 'patient_question', l.actor_user_id, q.org_id, q.org_id, (q.asked_at AT TIME ZONE 'Asia/Tokyo')::date,
           jsonb_build_array(jsonb_build_object('rule', 'patient_question', 'weight', 0,
             'evidence', jsonb_build_object('seqs', jsonb_build_array(q.audit_seq), 'caseIds', jsonb_build_array(q.case_id), 'detail', '{}'::jsonb))),
           q.id
      FROM access_questions q JOIN audit_log l ON l.seq = q.audit_seq
     WHERE q.id = p_question AND q.case_id = ANY ((SELECT app_patient_case_ids())::uuid[])
    ON CONFLICT DO NOTHING
    RETURNING id INTO v_alert;
  RETURN v_alert;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_raise_question_alert FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_raise_question_alert TO hersys_patient;
--> statement-breakpoint

-- Whether the caller reviews an alert: the review_alerts_officer policy's test, for the definer
-- functions below (which run as the owner, outside row-level security).
CREATE FUNCTION app_reviews_alert(p_alert uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM review_alerts a WHERE a.id = p_alert
                   AND a.review_org_id = ANY (app_review_org_ids()) AND a.subject_user_id IS DISTINCT FROM app_user_id())
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_reviews_alert FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_reviews_alert TO hersys_app;
--> statement-breakpoint

-- The evidence of an alert: its audit rows, each with the cases it touched, the explanation tried
-- and the person's identity. Officers hold no cases.read and their tree's cases are not theirs to
-- browse: this function opens exactly the records an alert names, to an officer who reviews it,
-- and nothing else. (A system transaction after an RLS check would do the same in two transactions,
-- with the audit row of the read apart from the check; here the check, the read and the service's
-- audit row are one transaction as the officer.) Rows whose access was not yet examined by the
-- explanation job name the alert's cases found in the audit row, with examined = false.
CREATE FUNCTION app_alert_evidence(p_alert uuid)
RETURNS TABLE (seq bigint, at timestamptz, action text, purpose text, client_addr text, outcome text,
               case_id uuid, case_number text, person_id uuid, name_kanji text, name_kana text, birth_date date,
               examined boolean, template text, purpose_only boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT app_reviews_alert(p_alert) THEN RETURN; END IF;
  RETURN QUERY
    WITH hits AS (SELECT h FROM review_alerts a, jsonb_array_elements(a.hits) h WHERE a.id = p_alert),
    seqs AS (SELECT DISTINCT s::bigint AS seq FROM hits, jsonb_array_elements_text(h->'evidence'->'seqs') s),
    ids AS (SELECT DISTINCT c AS case_id FROM hits, jsonb_array_elements_text(h->'evidence'->'caseIds') c),
    touched AS (
      SELECT e.seq, e.case_id, true AS examined, e.template, e.purpose_only
        FROM access_explanations e JOIN seqs ON seqs.seq = e.seq
      UNION ALL
      SELECT l.seq, ids.case_id::uuid, false, NULL::text, false
        FROM audit_log l JOIN seqs ON seqs.seq = l.seq JOIN ids ON ids.case_id = ANY (l.record_ids)
       WHERE NOT EXISTS (SELECT 1 FROM access_explanations e WHERE e.seq = l.seq))
    SELECT l.seq, l.at::timestamptz, l.action, l.purpose, l.client_addr, l.outcome,
           t.case_id, c.case_number, c.person_id, p.name_kanji, p.name_kana, p.birth_date,
           coalesce(t.examined, false), t.template, coalesce(t.purpose_only, false)
      FROM audit_log l JOIN seqs ON seqs.seq = l.seq
      LEFT JOIN touched t ON t.seq = l.seq
      LEFT JOIN cases c ON c.id = t.case_id
      LEFT JOIN persons p ON p.id = c.person_id
     ORDER BY l.seq, c.case_number;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_alert_evidence FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_alert_evidence TO hersys_app;
--> statement-breakpoint

-- An asked user sees the officer's questions about their own accesses — the question and its date,
-- none of the alert's other data — and answers: the answer is kept as the alert's 'answer' action
-- and the alert becomes 'answered'. Users never read review_alerts themselves.
CREATE FUNCTION app_my_review_questions()
RETURNS TABLE (alert_id uuid, asked_at timestamptz, question text, answered_at timestamptz, answer text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, ask.at, ask.text, ans.at, ans.text
    FROM review_alerts a
    JOIN LATERAL (SELECT r.at, r.text FROM review_actions r WHERE r.alert_id = a.id AND r.action = 'ask' ORDER BY r.at DESC LIMIT 1) ask ON true
    LEFT JOIN LATERAL (SELECT r.at, r.text FROM review_actions r WHERE r.alert_id = a.id AND r.action = 'answer' AND r.at >= ask.at ORDER BY r.at DESC LIMIT 1) ans ON true
   WHERE a.subject_user_id = app_user_id() AND app_user_id() IS NOT NULL
   ORDER BY ask.at DESC
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_my_review_questions FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_my_review_questions TO hersys_app;
--> statement-breakpoint
CREATE FUNCTION app_answer_review_question(p_alert uuid, p_answer text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE review_alerts SET status = 'answered', version = version + 1, updated_at = now()
   WHERE id = p_alert AND subject_user_id = app_user_id() AND status = 'asked';
  IF NOT FOUND THEN RETURN false; END IF;
  INSERT INTO review_actions (alert_id, action, by_user_id, by_org_id, text) VALUES (p_alert, 'answer', app_user_id(), app_org_id(), p_answer);
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_answer_review_question FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_answer_review_question TO hersys_app;
--> statement-breakpoint

-- What the officer of an alert reads beyond their tree: the reporter's name when the reporter works
-- elsewhere, and the patient's question (access_questions is the administrators' table).
CREATE FUNCTION app_report_reporter(p_report uuid) RETURNS TABLE (display_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.display_name FROM misuse_reports m JOIN users u ON u.id = m.reporter_user_id
   WHERE m.id = p_report AND EXISTS (SELECT 1 FROM review_alerts a WHERE a.report_id = m.id AND app_reviews_alert(a.id))
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_report_reporter FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_report_reporter TO hersys_app;
--> statement-breakpoint
CREATE FUNCTION app_alert_question(p_question uuid) RETURNS TABLE (id uuid, question text, asked_at timestamptz, answered_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT q.id, q.question, q.asked_at, q.answered_at FROM access_questions q
   WHERE q.id = p_question AND EXISTS (SELECT 1 FROM review_alerts a WHERE a.question_id = q.id AND app_reviews_alert(a.id))
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_alert_question FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_alert_question TO hersys_app;
--> statement-breakpoint

-- Escalation moves the alert out of the officer's own view, and an UPDATE under row-level security
-- must leave a row its author can still select (the new row is checked against review_alerts_officer's
-- USING as well): so the move is made here, after the same test, to the parent of the officer's
-- organisation and nowhere else. Answers the parent, or null when there is none or no such alert.
CREATE FUNCTION app_escalate_alert(p_alert uuid) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_parent uuid;
BEGIN
  SELECT o.parent_id INTO v_parent FROM organizations o WHERE o.id = app_org_id();
  IF v_parent IS NULL OR NOT app_reviews_alert(p_alert) THEN RETURN NULL; END IF;
  UPDATE review_alerts SET status = 'escalated', review_org_id = v_parent, version = version + 1, updated_at = now() WHERE id = p_alert;
  RETURN v_parent;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_escalate_alert FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_escalate_alert TO hersys_app;
