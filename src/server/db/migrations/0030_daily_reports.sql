-- Issue 13: the daily aggregate report (日次報告). From 2022-09-26 an institution counts the positives
-- it diagnosed each day outside the four notified groups, by age band (src/domain/daily-reports).
-- One report per institution and day, with the form version it was filed under, corrected with a
-- version; every filing and correction is kept in daily_report_changes with its reason. The rows
-- hold counts only, but their scope is kept like any other row's.
CREATE TABLE "daily_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"health_center_id" uuid NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"report_date" date NOT NULL,
	"form_id" text NOT NULL,
	"form_version" text NOT NULL,
	"counts" jsonb NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "daily_reports_counts_check" CHECK (jsonb_typeof("daily_reports"."counts") = 'object')
);
--> statement-breakpoint
CREATE TABLE "daily_report_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"counts" jsonb NOT NULL,
	"reason" text,
	"changed_by" uuid NOT NULL,
	"changed_by_org_id" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_report_changes_kind_check" CHECK ("daily_report_changes"."kind" in ('filed','corrected'))
);
--> statement-breakpoint
CREATE TABLE "daily_report_expected" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"health_center_id" uuid NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_institution_id_organizations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_health_center_id_organizations_id_fk" FOREIGN KEY ("health_center_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_prefecture_id_organizations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_report_changes" ADD CONSTRAINT "daily_report_changes_report_id_daily_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."daily_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_report_changes" ADD CONSTRAINT "daily_report_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_report_changes" ADD CONSTRAINT "daily_report_changes_changed_by_org_id_organizations_id_fk" FOREIGN KEY ("changed_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_report_expected" ADD CONSTRAINT "daily_report_expected_institution_id_organizations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_report_expected" ADD CONSTRAINT "daily_report_expected_health_center_id_organizations_id_fk" FOREIGN KEY ("health_center_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_report_expected" ADD CONSTRAINT "daily_report_expected_prefecture_id_organizations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_report_expected" ADD CONSTRAINT "daily_report_expected_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- One report per institution and day: a second filing (a retry without its key) finds it.
CREATE UNIQUE INDEX "daily_reports_institution_day_key" ON "daily_reports" USING btree ("institution_id","report_date");--> statement-breakpoint
CREATE INDEX "daily_reports_hc_day_idx" ON "daily_reports" USING btree ("health_center_id","report_date");--> statement-breakpoint
CREATE INDEX "daily_reports_prefecture_day_idx" ON "daily_reports" USING btree ("prefecture_id","report_date");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_report_changes_report_version_key" ON "daily_report_changes" USING btree ("report_id","version");--> statement-breakpoint
CREATE INDEX "daily_report_expected_hc_idx" ON "daily_report_expected" USING btree ("health_center_id");--> statement-breakpoint

-- Who reads a report of an institution in (health centre, prefecture): the institution's own
-- doctors and clerks, the centre of its area, the prefecture's staff, the ministry's statisticians.
CREATE FUNCTION app_reads_daily_report(p_institution uuid, p_hc uuid, p_prefecture uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT (p_institution = app_scope_institution() AND app_org_kind() = 'medical_institution')
      OR p_hc = app_scope_hc()
      OR (app_has_role('prefecture_staff') AND app_org_kind() = 'prefecture' AND p_prefecture = app_prefecture_id())
      OR (app_has_role('ministry_staff') AND app_org_kind() = 'ministry')
$$;
--> statement-breakpoint
-- The institution lies in that centre's area and prefecture (a medical institution's parent is its centre).
CREATE FUNCTION app_institution_in_area(p_institution uuid, p_hc uuid, p_prefecture uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM organizations o WHERE o.id = p_institution AND o.kind = 'medical_institution'
                 AND o.parent_id = p_hc AND o.prefecture_id = p_prefecture)
$$;
--> statement-breakpoint
GRANT SELECT, INSERT ON daily_reports TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (counts, updated_by, updated_at, version) ON daily_reports TO hersys_app;
--> statement-breakpoint
ALTER TABLE daily_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY daily_reports_read ON daily_reports FOR SELECT TO hersys_app
  USING (app_reads_daily_report(institution_id, health_center_id, prefecture_id));
--> statement-breakpoint
-- The institution files its own, in its own area, as the acting user.
CREATE POLICY daily_reports_file ON daily_reports FOR INSERT TO hersys_app
  WITH CHECK (institution_id = app_scope_institution() AND app_org_kind() = 'medical_institution'
              AND filed_by = app_user_id() AND app_institution_in_area(institution_id, health_center_id, prefecture_id));
--> statement-breakpoint
-- The institution corrects on the report's day only (Japan time); the prefecture any day of its own.
CREATE POLICY daily_reports_correct ON daily_reports FOR UPDATE TO hersys_app
  USING ((institution_id = app_scope_institution() AND app_org_kind() = 'medical_institution'
          AND report_date = (now() AT TIME ZONE 'Asia/Tokyo')::date)
      OR (app_has_role('prefecture_staff') AND app_org_kind() = 'prefecture' AND prefecture_id = app_prefecture_id()))
  WITH CHECK (updated_by = app_user_id());
--> statement-breakpoint
GRANT SELECT, INSERT ON daily_report_changes TO hersys_app;
--> statement-breakpoint
ALTER TABLE daily_report_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY daily_report_changes_read ON daily_report_changes FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM daily_reports r WHERE r.id = report_id));
--> statement-breakpoint
CREATE POLICY daily_report_changes_write ON daily_report_changes FOR INSERT TO hersys_app
  WITH CHECK (changed_by = app_user_id() AND changed_by_org_id = app_org_id()
              AND EXISTS (SELECT 1 FROM daily_reports r WHERE r.id = report_id));
--> statement-breakpoint
CREATE FUNCTION daily_report_changes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'daily_report_changes is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER daily_report_changes_append_only BEFORE UPDATE OR DELETE ON daily_report_changes
  FOR EACH ROW EXECUTE FUNCTION daily_report_changes_refuse_change();
--> statement-breakpoint
-- Institutions expected to file every day (zeros included), marked by their centre or prefecture:
-- the centre's late and missing list is about them (src/server/daily-reports/monitor.ts).
GRANT SELECT, INSERT, DELETE ON daily_report_expected TO hersys_app;
--> statement-breakpoint
ALTER TABLE daily_report_expected ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY daily_report_expected_read ON daily_report_expected FOR SELECT TO hersys_app
  USING (app_reads_daily_report(institution_id, health_center_id, prefecture_id));
--> statement-breakpoint
CREATE POLICY daily_report_expected_mark ON daily_report_expected FOR INSERT TO hersys_app
  WITH CHECK (set_by = app_user_id() AND app_institution_in_area(institution_id, health_center_id, prefecture_id)
              AND (health_center_id = app_scope_hc()
                   OR (app_has_role('prefecture_staff') AND app_org_kind() = 'prefecture' AND prefecture_id = app_prefecture_id())));
--> statement-breakpoint
CREATE POLICY daily_report_expected_unmark ON daily_report_expected FOR DELETE TO hersys_app
  USING (health_center_id = app_scope_hc()
         OR (app_has_role('prefecture_staff') AND app_org_kind() = 'prefecture' AND prefecture_id = app_prefecture_id()));
--> statement-breakpoint

-- The ten-year band of an age on a day; mirrors ageBandOn() in src/domain/statistics/age-bands.ts.
CREATE FUNCTION app_age_band(p_birth date, p_on date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_birth IS NULL OR p_on IS NULL THEN 'unknown'
    ELSE (ARRAY['under10','10s','20s','30s','40s','50s','60s','70s','80s','90plus'])
         [least(9, greatest(0, date_part('year', age(p_on, p_birth))::int / 10)) + 1] END
$$;
--> statement-breakpoint
-- For the overlap check: how many cases each institution notified (submitted, not withdrawn) with
-- that diagnosis date, by age band. A centre does not see every case an institution of its area
-- notified (only those it is responsible for), so this counts as the owner — numbers only, for the
-- institutions whose reports the actor reads.
CREATE FUNCTION app_daily_notified_by_band(p_institutions uuid[], p_day date)
RETURNS TABLE (institution_id uuid, age_band text, notified integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT n.institution_id, app_age_band(p.birth_date, p_day), count(DISTINCT n.case_id)::int
  FROM notifications n
  JOIN organizations o ON o.id = n.institution_id
  JOIN cases c ON c.id = n.case_id
  JOIN persons p ON p.id = c.person_id
  WHERE n.institution_id = ANY (p_institutions) AND n.diagnosed_on = p_day AND n.status = 'submitted'
    AND app_reads_daily_report(o.id, o.parent_id, o.prefecture_id)
  GROUP BY 1, 2
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_daily_notified_by_band FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_daily_notified_by_band TO hersys_app;
--> statement-breakpoint

-- For the statistics (read by the rollups, not by the screens): one row per report and cell.
-- security_invoker: whoever reads it sees only the reports row-level security gives them.
CREATE VIEW daily_report_counts WITH (security_invoker = true) AS
  SELECT r.report_date, r.institution_id, r.health_center_id, r.prefecture_id,
         split_part(c.key, ':', 1) AS age_band,
         nullif(split_part(c.key, ':', 2), '') AS sex,
         c.value::int AS count,
         r.form_id, r.form_version, r.id AS report_id
  FROM daily_reports r CROSS JOIN LATERAL jsonb_each_text(r.counts) AS c(key, value);
--> statement-breakpoint
COMMENT ON VIEW daily_report_counts IS 'Daily aggregate report (日次報告): positives diagnosed on report_date by an institution and NOT notified individually, one row per report and cell. Add the notified cases to get all positives; never count a report twice (one per institution and day). Rows with count 0 are kept: the institution reported none.';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.report_date IS 'The day the positives were diagnosed (Japan time), not the day of filing';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.institution_id IS 'The reporting medical institution (organizations.id)';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.health_center_id IS 'The health centre of the institution''s area when the report was filed';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.prefecture_id IS 'The prefecture of that centre (organizations.id)';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.age_band IS 'under10, 10s … 80s, 90plus or unknown (src/domain/statistics/age-bands.ts)';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.sex IS 'male or female when the form version asks sex; NULL when it does not (the 2022-09-26 version does not)';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.count IS 'Positives in this cell, 0 or more, as last corrected';
--> statement-breakpoint
COMMENT ON COLUMN daily_report_counts.form_version IS 'The version of the form the report was filed under (src/domain/daily-reports/definitions)';
--> statement-breakpoint
GRANT SELECT ON daily_report_counts TO hersys_app;
