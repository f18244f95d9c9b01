-- Issue 13: the daily aggregate reports (日次報告) add to the counts. A filed or corrected report
-- queues itself here (a trigger, in the filer's transaction); the counts job adds its cells to
-- count_rollup under the classification 'aggregate' (src/domain/statistics/aggregate-counting.ts)
-- and keeps what it added in report_counts, so that a correction moves the rollups by the difference.
CREATE TABLE report_count_queue (
  report_id uuid PRIMARY KEY,
  queued_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE report_counts (
  report_id uuid PRIMARY KEY REFERENCES daily_reports(id),
  area_ids uuid[] NOT NULL,
  cells jsonb NOT NULL,
  counted_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
-- SECURITY DEFINER: the filer (hersys_app) may add a report id to the queue and nothing else.
CREATE FUNCTION app_queue_report_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO report_count_queue (report_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_queue_report_count FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER daily_reports_count AFTER INSERT OR UPDATE OF counts ON daily_reports
  FOR EACH ROW EXECUTE FUNCTION app_queue_report_count();
--> statement-breakpoint
-- The lag shown on the dashboards counts both queues.
CREATE OR REPLACE FUNCTION app_count_lag() RETURNS TABLE (queued bigint, oldest timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT (SELECT count(*) FROM count_queue) + (SELECT count(*) FROM report_count_queue),
         least((SELECT min(queued_at) FROM count_queue), (SELECT min(queued_at) FROM report_count_queue))
$$;
--> statement-breakpoint
-- Reports filed before this migration are counted by the first run.
INSERT INTO report_count_queue (report_id) SELECT id FROM daily_reports;
