-- Issue 13, counting. Dashboards read rollups, never the cases: every change to a row a count
-- depends on queues its case here (a trigger, in the writer's transaction, so no path is missed);
-- the counts job (src/server/statistics/refresh.ts) recounts queued cases with the pure rules of
-- src/domain/statistics/case-counting.ts and applies the difference to count_rollup.

-- The area's code: JIS X 0401 for a prefecture ('13'), the municipality code for a health centre's
-- area ('131041'); population figures and the open-data columns are keyed by it.
ALTER TABLE organizations ADD COLUMN area_code text;
--> statement-breakpoint

CREATE TABLE count_queue (
  case_id uuid PRIMARY KEY,
  queued_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX count_queue_queued_idx ON count_queue (queued_at);
--> statement-breakpoint

-- How each case was last counted: the areas, dimensions and contributions the rollups hold for it,
-- so that a recount subtracts exactly what was added.
CREATE TABLE case_counts (
  case_id uuid PRIMARY KEY REFERENCES cases(id),
  counted_as text NOT NULL CHECK (counted_as IN ('counted', 'not_notified', 'withdrawn', 'same_episode')),
  area_ids uuid[] NOT NULL,
  classification text NOT NULL,
  age_band text NOT NULL,
  sex text NOT NULL,
  contributions jsonb NOT NULL,
  counted_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint

-- The sums: per area (health centre, prefecture, nation: the ministry), measure and day, by
-- classification, age band and sex. Loads are flows (see src/domain/statistics/measures.ts).
CREATE TABLE count_rollup (
  area_id uuid NOT NULL,
  measure text NOT NULL,
  day date NOT NULL,
  classification text NOT NULL,
  age_band text NOT NULL,
  sex text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (area_id, measure, day, classification, age_band, sex)
);
--> statement-breakpoint

CREATE TABLE count_progress (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  counted_at timestamptz
);
--> statement-breakpoint
INSERT INTO count_progress (id) VALUES (1);
--> statement-breakpoint

-- The trigger: the case of the changed row goes to the queue. SECURITY DEFINER because the writer
-- (hersys_app) has no rights on the queue; it can add a case id and nothing else.
CREATE FUNCTION app_queue_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    INSERT INTO count_queue (case_id) VALUES (r.id) ON CONFLICT DO NOTHING;
  ELSIF TG_TABLE_NAME = 'persons' THEN
    INSERT INTO count_queue (case_id) SELECT c.id FROM cases c WHERE c.person_id = r.id ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO count_queue (case_id) VALUES (r.case_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_queue_count FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER cases_count AFTER INSERT OR UPDATE OF person_id, prefecture_id, responsible_hc_id ON cases
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
--> statement-breakpoint
CREATE TRIGGER persons_count AFTER UPDATE OF sex, birth_date ON persons
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
--> statement-breakpoint
CREATE TRIGGER notifications_count AFTER INSERT OR UPDATE OR DELETE ON notifications
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
--> statement-breakpoint
CREATE TRIGGER case_status_changes_count AFTER INSERT ON case_status_changes
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
--> statement-breakpoint
CREATE TRIGGER clinical_course_count AFTER INSERT OR UPDATE OR DELETE ON clinical_course
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
--> statement-breakpoint
CREATE TRIGGER lab_tests_count AFTER INSERT OR UPDATE OR DELETE ON lab_tests
  FOR EACH ROW EXECUTE FUNCTION app_queue_count();
--> statement-breakpoint

-- Whose counts a user reads: the ministry every area, a prefecture (and its coordination HQ and
-- public-health institute) the prefecture and its centres, a health centre its own area.
CREATE FUNCTION app_count_area_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(o.id), '{}') FROM organizations o
  WHERE (app_has_role('ministry_staff') AND o.kind IN ('ministry', 'prefecture', 'health_center'))
     OR (o.id = app_scope_prefecture())
     OR (o.prefecture_id = app_scope_prefecture() AND o.kind = 'health_center')
     OR (o.id = app_scope_hc())
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_count_area_ids FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_count_area_ids TO hersys_app;
--> statement-breakpoint
GRANT SELECT ON count_rollup, count_progress TO hersys_app;
--> statement-breakpoint
ALTER TABLE count_rollup ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY count_rollup_scope ON count_rollup FOR SELECT TO hersys_app
  USING (area_id = ANY ((SELECT app_count_area_ids())::uuid[]));
--> statement-breakpoint
-- The queue's length and the last run: no personal data, shown on every dashboard as its lag.
CREATE FUNCTION app_count_lag() RETURNS TABLE (queued bigint, oldest timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*), min(queued_at) FROM count_queue
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_count_lag FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_count_lag TO hersys_app;
--> statement-breakpoint
-- Every case already in the database is counted by the first run.
INSERT INTO count_queue (case_id) SELECT id FROM cases;
