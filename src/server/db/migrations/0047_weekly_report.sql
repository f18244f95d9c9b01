-- Issue 16, the weekly surveillance report (感染症発生動向調査週報). A case counts once, in the ISO
-- week of the diagnosis date of its notification in force (the newest submitted one not superseded
-- by 追加登録, else the newest submitted; its diagnosis date, else the earliest given, else the day
-- of the first 報告 in Japan), under its disease, prefecture, age at diagnosis, sex and
-- classification: the rule of src/domain/weekly-report/counting.ts, which the tests hold equal.
--
-- Why read the notifications and not a rollup: a weekly report asks for about 60 weeks once a
-- week, and the rollups (0029) count COVID-19 only. The two partial indexes below find the
-- submitted notifications diagnosed (or, undiagnosed, first submitted) in the weeks asked for;
-- each such case is then placed exactly by its notification in force.
CREATE INDEX "notifications_weekly_diagnosed_idx" ON "notifications" USING btree ("diagnosed_on") WHERE "status" = 'submitted';
--> statement-breakpoint
CREATE INDEX "notifications_weekly_undiagnosed_idx" ON "notifications" USING btree ("first_submitted_at") WHERE "status" = 'submitted' AND "diagnosed_on" IS NULL;
--> statement-breakpoint
-- Every case diagnosed from p_from to p_to (in the prefecture of JIS code p_prefecture, or all when
-- it is NULL), counted: numbers only, by prefecture code. The owner's (the open-data job's); no
-- application role may call it.
CREATE FUNCTION weekly_case_counts(p_from date, p_to date, p_prefecture text)
RETURNS TABLE (prefecture text, disease text, week text, classification text, age integer, sex text, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH candidates AS (
    SELECT n.case_id FROM notifications n WHERE n.status = 'submitted' AND n.diagnosed_on BETWEEN p_from AND p_to
    UNION
    SELECT n.case_id FROM notifications n
     WHERE n.status = 'submitted' AND n.diagnosed_on IS NULL
       AND n.first_submitted_at >= (p_from::timestamp AT TIME ZONE 'Asia/Tokyo')
       AND n.first_submitted_at < ((p_to + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')
  ), live AS (
    -- With each notification, the case's earliest given diagnosis date (by first 報告): a window,
    -- not a subquery per row, which would scan the whole CTE for each of thousands of cases.
    SELECT n.case_id, n.classification, n.diagnosed_on, n.first_submitted_at, n.superseded_at IS NOT NULL AS superseded,
           first_value(n.diagnosed_on) OVER (PARTITION BY n.case_id ORDER BY n.diagnosed_on IS NULL, n.first_submitted_at) AS first_diagnosed_on
      FROM notifications n JOIN candidates k ON k.case_id = n.case_id
     WHERE n.status = 'submitted' AND n.first_submitted_at IS NOT NULL
  ), in_force AS (
    SELECT DISTINCT ON (l.case_id) l.case_id, l.classification,
           coalesce(l.diagnosed_on, l.first_diagnosed_on, (l.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date) AS diagnosed_on
      FROM live l ORDER BY l.case_id, l.superseded, l.first_submitted_at DESC
  )
  SELECT o.area_code, c.disease, to_char(f.diagnosed_on, 'IYYY-"W"IW'), f.classification,
         extract(year FROM age(f.diagnosed_on, p.birth_date))::integer, p.sex, count(*)
    FROM in_force f JOIN cases c ON c.id = f.case_id JOIN persons p ON p.id = c.person_id
    JOIN organizations o ON o.id = c.prefecture_id
   WHERE f.diagnosed_on BETWEEN p_from AND p_to AND (p_prefecture IS NULL OR o.area_code = p_prefecture)
   GROUP BY 1, 2, 3, 4, 5, 6
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION weekly_case_counts FROM PUBLIC;
--> statement-breakpoint
-- The same counts for a reader, as the statistics do (0015 inpatient_statistics, 0029 count_rollup):
-- counted across cases the reader could never open, numbers only. p_prefecture (a JIS code): one
-- prefecture, for the ministry any and for the staff of a prefecture or of its centres their own;
-- NULL: the nation, for all of them (published anyway), its rows without prefecture except for the
-- ministry.
CREATE FUNCTION weekly_counts(p_from date, p_to date, p_prefecture text)
RETURNS TABLE (prefecture text, disease text, week text, classification text, age integer, sex text, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN app_has_role('ministry_staff') THEN w.prefecture END, w.disease, w.week, w.classification, w.age, w.sex, sum(w.n)::bigint
    FROM weekly_case_counts(p_from, p_to, p_prefecture) w
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
