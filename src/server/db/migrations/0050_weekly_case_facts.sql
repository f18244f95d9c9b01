-- Issue 16, the weekly report at national scale: each case's place in the weekly counts (disease,
-- prefecture, diagnosis date, classification, age at diagnosis, sex, by the rule of 0047) is kept
-- by the counts job, which already recounts a case whenever its notifications, its person or its
-- prefecture or disease change (0029, 0045). A weekly count then reads one row per case in an index
-- range instead of placing every case of the weeks by its notifications on each read (1–4 s over a
-- year of the nation's ~100,000 cases: docs/BENCHMARKS.md). Like the dashboards, it lags the
-- notifications by the job's interval (ten seconds).
CREATE TABLE weekly_case_facts (
  case_id uuid PRIMARY KEY REFERENCES cases(id),
  prefecture text,
  disease text NOT NULL,
  diagnosed_on date NOT NULL,
  classification text NOT NULL,
  age integer,
  sex text
);
--> statement-breakpoint
CREATE INDEX weekly_case_facts_day_idx ON weekly_case_facts (diagnosed_on) INCLUDE (prefecture, disease, classification, age, sex);
--> statement-breakpoint
CREATE INDEX weekly_case_facts_prefecture_day_idx ON weekly_case_facts (prefecture, diagnosed_on) INCLUDE (disease, classification, age, sex);
--> statement-breakpoint
-- The owner's, as case_counts: the application role has no rights on it.
ALTER TABLE weekly_case_facts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Places the given cases again (the counts job, each batch): a case without a submitted
-- notification has no place. The notification in force and its diagnosis date as 0047 chose them.
CREATE FUNCTION app_place_weekly_cases(p_case_ids uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM weekly_case_facts WHERE case_id = ANY (p_case_ids);
  WITH live AS (
    SELECT n.case_id, n.classification, n.diagnosed_on, n.first_submitted_at, n.superseded_at IS NOT NULL AS superseded,
           first_value(n.diagnosed_on) OVER (PARTITION BY n.case_id ORDER BY n.diagnosed_on IS NULL, n.first_submitted_at) AS first_diagnosed_on
      FROM notifications n
     WHERE n.case_id = ANY (p_case_ids) AND n.status = 'submitted' AND n.first_submitted_at IS NOT NULL
  ), in_force AS (
    SELECT DISTINCT ON (l.case_id) l.case_id, l.classification,
           coalesce(l.diagnosed_on, l.first_diagnosed_on, (l.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date) AS diagnosed_on
      FROM live l ORDER BY l.case_id, l.superseded, l.first_submitted_at DESC
  )
  INSERT INTO weekly_case_facts (case_id, prefecture, disease, diagnosed_on, classification, age, sex)
  SELECT f.case_id, o.area_code, c.disease, f.diagnosed_on, f.classification, extract(year FROM age(f.diagnosed_on, p.birth_date))::integer, p.sex
    FROM in_force f JOIN cases c ON c.id = f.case_id JOIN persons p ON p.id = c.person_id
    JOIN organizations o ON o.id = c.prefecture_id;
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_place_weekly_cases FROM PUBLIC;
--> statement-breakpoint
-- The cases there are now.
SELECT app_place_weekly_cases(array_agg(id)) FROM cases;
--> statement-breakpoint
-- The counts by age group rather than single year (far fewer rows to send and fold): `age` is the
-- first age of the case's group among p_band_starts (ascending; IDWR_BAND_STARTS in
-- src/domain/statistics/age-bands.ts), so the groups stay the domain's one rule.
DROP FUNCTION weekly_counts(date, date, text);
--> statement-breakpoint
DROP FUNCTION weekly_case_counts(date, date, text);
--> statement-breakpoint
CREATE FUNCTION weekly_case_counts(p_from date, p_to date, p_prefecture text, p_band_starts integer[])
RETURNS TABLE (prefecture text, disease text, week text, classification text, age integer, sex text, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT f.prefecture, f.disease, to_char(f.diagnosed_on, 'IYYY-"W"IW'), f.classification, p_band_starts[width_bucket(f.age, p_band_starts)], f.sex, count(*)
    FROM weekly_case_facts f
   WHERE f.diagnosed_on BETWEEN p_from AND p_to AND (p_prefecture IS NULL OR f.prefecture = p_prefecture)
   GROUP BY 1, 2, 3, 4, 5, 6
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION weekly_case_counts FROM PUBLIC;
--> statement-breakpoint
-- As 0047's, with the age groups passed through.
CREATE FUNCTION weekly_counts(p_from date, p_to date, p_prefecture text, p_band_starts integer[])
RETURNS TABLE (prefecture text, disease text, week text, classification text, age integer, sex text, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN app_has_role('ministry_staff') THEN w.prefecture END, w.disease, w.week, w.classification, w.age, w.sex, sum(w.n)::bigint
    FROM weekly_case_counts(p_from, p_to, p_prefecture, p_band_starts) w
   WHERE CASE WHEN p_prefecture IS NULL
              THEN app_has_role('ministry_staff') OR app_has_role('prefecture_staff') OR app_has_role('coordination_hq') OR app_has_role('hc_staff')
              ELSE app_has_role('ministry_staff')
                OR ((app_has_role('prefecture_staff') OR app_has_role('coordination_hq') OR app_has_role('hc_staff'))
                    AND p_prefecture = (SELECT o.area_code FROM organizations o WHERE o.id = app_prefecture_id())) END
   GROUP BY 1, 2, 3, 4, 5, 6
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION weekly_counts FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weekly_counts TO hersys_app;
--> statement-breakpoint
-- Only the function placing the cases read these (0047).
DROP INDEX notifications_weekly_diagnosed_idx;
--> statement-breakpoint
DROP INDEX notifications_weekly_undiagnosed_idx;
