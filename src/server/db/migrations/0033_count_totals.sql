-- Issue 13, speed: a national dashboard over the whole period summed about 40 rollup cells per day
-- and measure (every classification × age band × sex) and missed its 200 ms. count_by keeps, per
-- area, measure and day, the total (dim 'all') and each breakdown on its own (dim 'classification',
-- 'age_band', 'sex'; the breakdowns for new cases only, the other measures are read as totals): a
-- curve reads one row per day and group, a total one row per day. The counts
-- job moves it with count_rollup by the same deltas, in the same transaction (counts-repo.ts).
-- It also keeps each month's total (dim 'month', on the month's first day), so that a sum over
-- years reads a row per month (loads' levels, a period's total: src/domain/statistics/series.ts
-- monthsAndDays), and new cases by report date per municipality of residence (dim
-- 'municipality') in each case's centre, for the centres' and prefectures' tables.
CREATE TABLE count_by (
  area_id uuid NOT NULL,
  measure text NOT NULL,
  day date NOT NULL,
  dim text NOT NULL CHECK (dim IN ('all', 'month', 'classification', 'age_band', 'sex', 'municipality')),
  grp text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (area_id, measure, dim, day, grp)
);
--> statement-breakpoint
GRANT SELECT ON count_by TO hersys_app;
--> statement-breakpoint
ALTER TABLE count_by ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY count_by_scope ON count_by FOR SELECT TO hersys_app
  USING (area_id = ANY ((SELECT app_count_area_ids())::uuid[]));
--> statement-breakpoint
INSERT INTO count_by (area_id, measure, day, dim, grp, n)
SELECT r.area_id, r.measure, x.day, x.dim, x.grp, sum(r.n)
  FROM count_rollup r
  CROSS JOIN LATERAL (VALUES ('all', '', r.day), ('month', '', date_trunc('month', r.day)::date), ('classification', r.classification, r.day),
                             ('age_band', r.age_band, r.day), ('sex', r.sex, r.day)) AS x(dim, grp, day)
 WHERE x.dim IN ('all', 'month') OR r.measure IN ('reported', 'diagnosed', 'onset')
 GROUP BY 1, 2, 3, 4, 5
 HAVING sum(r.n) <> 0;
--> statement-breakpoint
-- The municipality a case was counted in, so that a recount subtracts it ('' before this migration).
ALTER TABLE case_counts ADD COLUMN municipality text NOT NULL DEFAULT '';
--> statement-breakpoint
-- Every case is counted again once, to fill the municipalities (the job's lag shows the progress).
INSERT INTO count_queue (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A moved person counts in the new municipality.
DROP TRIGGER persons_count ON persons;
--> statement-breakpoint
CREATE TRIGGER persons_count AFTER UPDATE OF sex, birth_date, residence_address ON persons
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
