-- Issue 12, the detector. The relationships an organisation has with a case, with their periods, in
-- one function: the explanation job (src/server/access-review/explain.ts), the hard limit below and
-- the patients' "who opened my record" all read them here; which relationship explains an access is
-- decided in src/domain/access-review/explanations.ts.
-- A centre is responsible from the transfer that gave it the case (or from the start) until the
-- transfer that took it away; a stay or admission, a follow-up assignment and a related centre from
-- their start to their end; a contact links the centre following the contact and the source case's
-- centre to each other's case.
CREATE FUNCTION app_case_relations(p_case_ids uuid[])
RETURNS TABLE (case_id uuid, org_id uuid, kind text, from_at timestamptz, until_at timestamptz)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  -- Joins to the list, not = ANY (…): the job asks for thousands of cases at once.
  WITH q AS (SELECT DISTINCT id FROM unnest(p_case_ids) AS q(id)),
  c AS (SELECT c.* FROM cases c JOIN q ON q.id = c.id),
  t AS (
    SELECT x.case_id, x.from_hc_id, x.to_hc_id, x.changed_at,
           lag(x.changed_at) OVER (PARTITION BY x.case_id ORDER BY x.changed_at, x.id) AS prev_at
      FROM case_transfers x JOIN q ON q.id = x.case_id),
  k AS (SELECT k.*, c.id AS the_case FROM c JOIN contacts k ON k.person_id = c.person_id
        UNION SELECT k.*, c.id FROM c JOIN contacts k ON k.became_case_id = c.id)
  SELECT c.id, c.reporting_org_id, 'reporting', NULL::timestamptz, NULL::timestamptz FROM c WHERE c.reporting_org_id IS NOT NULL
  UNION ALL
  SELECT c.id, c.responsible_hc_id, 'responsible', last.at, NULL
    FROM c LEFT JOIN (SELECT t.case_id, max(t.changed_at) AS at FROM t GROUP BY t.case_id) last ON last.case_id = c.id
  UNION ALL
  SELECT t.case_id, t.from_hc_id, 'responsible', t.prev_at, t.changed_at FROM t
  UNION ALL
  SELECT r.case_id, r.hc_id, 'related', r.created_at, NULL FROM case_related_hcs r JOIN q ON q.id = r.case_id
  UNION ALL
  SELECT a.case_id, a.org_id, CASE a.kind WHEN 'followup' THEN 'assigned' ELSE 'stay' END, a.starts_at, a.ends_at
    FROM case_assignments a JOIN q ON q.id = a.case_id
  UNION ALL
  SELECT s.case_id, s.hospital_id, 'stay', s.admitted_on::timestamp AT TIME ZONE 'Asia/Tokyo',
         CASE WHEN s.discharged_on IS NULL THEN NULL ELSE (s.discharged_on + 1)::timestamp AT TIME ZONE 'Asia/Tokyo' - interval '1 millisecond' END
    FROM admissions s JOIN q ON q.id = s.case_id
  UNION ALL
  -- The person of this case was a contact (or became this case): the centre following the contact,
  -- and the centre responsible for the case they were exposed to.
  SELECT k.the_case, k.responsible_hc_id, 'contact', k.created_at, NULL FROM k
  UNION ALL
  SELECT k.the_case, src.responsible_hc_id, 'contact', k.created_at, NULL
    FROM k JOIN contact_exposures e ON e.contact_id = k.id JOIN cases src ON src.id = e.source_case_id
  UNION ALL
  -- This case is the source of a contact: the centre following that contact.
  SELECT e.source_case_id, k.responsible_hc_id, 'contact', e.created_at, NULL
    FROM contact_exposures e JOIN q ON q.id = e.source_case_id JOIN contacts k ON k.id = e.contact_id
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_case_relations FROM PUBLIC;
--> statement-breakpoint
-- The patient sees the same relationships the review uses (issue 11's list, now with its periods).
CREATE OR REPLACE FUNCTION app_patient_case_relations()
RETURNS TABLE (org_id uuid, kind text, from_at timestamptz, until_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.org_id, r.kind, r.from_at, r.until_at FROM app_case_relations(app_patient_case_ids()) r
$$;
--> statement-breakpoint

-- The hard limit (seed 002: detect, notify, block), called in the request path only by a request
-- that opened personal records (src/server/access-review/hard-limit.ts). It counts the distinct
-- records the signed-in user opened in the last p_minutes (this request's included), and those
-- without a relationship of the user's organisation now. Past either limit, in the caller's
-- transaction: the ID is suspended pending review, its sessions end, a 'hard_limit' alert carries
-- the evidence, and the organisation's officers and administrators get an e-mail without personal data.
-- A record is an audit row's details.caseId, else its first record id (the TypeScript rule passes
-- the same ids for this request, and the actions that open a record).
CREATE FUNCTION app_access_limit(p_actions text[], p_records text[], p_minutes integer, p_unrelated integer, p_total integer)
RETURNS TABLE (opened integer, unrelated integer, crossed boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me uuid := app_user_id();
  my_org uuid := app_org_id();
  recs uuid[];
  free uuid[];
  seqs bigint[];
  n_open integer;
  n_free integer;
BEGIN
  IF me IS NULL OR my_org IS NULL THEN RETURN QUERY SELECT 0, 0, false; RETURN; END IF;
  SELECT coalesce(array_agg(DISTINCT r::uuid), '{}'), coalesce(array_agg(DISTINCT a.seq) FILTER (WHERE a.seq IS NOT NULL), '{}')
    INTO recs, seqs
    FROM (SELECT coalesce(l.details->>'caseId', l.record_ids[1]) AS r, l.seq FROM audit_log l
           WHERE l.actor_user_id = me AND l.at > now() - make_interval(mins => p_minutes)
             AND l.action = ANY (p_actions) AND l.outcome = 'ok'
          UNION ALL SELECT x, NULL FROM unnest(p_records) x) a
   WHERE r ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  SELECT coalesce(array_agg(x), '{}') INTO free FROM unnest(recs) x
   WHERE NOT EXISTS (SELECT 1 FROM app_case_relations(ARRAY[x]) r
                      WHERE r.org_id = my_org AND (r.from_at IS NULL OR r.from_at <= now()) AND (r.until_at IS NULL OR r.until_at >= now()))
     AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.id = x AND k.responsible_hc_id = my_org);
  n_open := cardinality(recs);
  n_free := cardinality(free);
  IF n_free <= p_unrelated AND n_open <= p_total THEN
    RETURN QUERY SELECT n_open, n_free, false;
    RETURN;
  END IF;
  UPDATE users SET status = 'suspended', status_changed_at = now(), version = version + 1,
         status_reason = format('access_limit: %s records opened (%s without a relationship) in %s minutes', n_open, n_free, p_minutes)
   WHERE id = me AND status = 'active';
  UPDATE sessions SET ended_at = now(), ended_reason = 'access_limit' WHERE user_id = me AND ended_at IS NULL;
  INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, score, hits)
  VALUES ('hard_limit', me, my_org, my_org, (now() AT TIME ZONE 'Asia/Tokyo')::date, n_open,
          jsonb_build_array(jsonb_build_object('rule', 'hard_limit', 'weight', 100, 'evidence', jsonb_build_object(
            'seqs', to_jsonb(seqs), 'caseIds', to_jsonb(recs),
            'detail', jsonb_build_object('opened', n_open, 'unrelated', n_free, 'unrelatedIds', to_jsonb(free), 'minutes', p_minutes,
                                         'limitUnrelated', p_unrelated, 'limitTotal', p_total)))));
  INSERT INTO outbox (kind, payload)
  SELECT 'email', jsonb_build_object('to', u.email,
           'subject', '【HER-SYS】ID の自動停止 / An ID was suspended automatically',
           'text', E'貴組織の ID が短時間に多数の記録を開いたため、自動的に停止されました。個人情報保護管理者・管理者はログインして「アクセス監査」を確認してください。\nAn ID of your organisation opened many records in a short time and was suspended automatically. Privacy officers and administrators: log in and see Access review.')
    FROM users u
   WHERE u.org_id = my_org AND u.id <> me AND u.status = 'active' AND u.email IS NOT NULL
     AND u.roles && ARRAY['privacy_officer', 'org_admin'];
  RETURN QUERY SELECT n_open, n_free, true;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_access_limit FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_access_limit TO hersys_app;
--> statement-breakpoint

-- What the alerts job learnt of each user's day: the baselines of the volume rule and the client
-- addresses known before a day. The owner's job writes it; nobody else reads it.
CREATE TABLE "access_user_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"cases" integer NOT NULL,
	"client_addrs" text[] NOT NULL,
	CONSTRAINT "access_user_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
ALTER TABLE "access_user_days" ADD CONSTRAINT "access_user_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "access_user_days_day_idx" ON "access_user_days" USING btree ("day");
--> statement-breakpoint
ALTER TABLE access_user_days ENABLE ROW LEVEL SECURITY;
