-- Issue 16: sentinel surveillance (定点把握). A prefecture designates medical institutions of its
-- area as sentinel sites of a kind (src/domain/sentinel/kinds.ts) from a day, until a day; ended
-- designations stay (history). A designated institution files one report per kind and ISO week
-- (week_start, a Monday) with the form version it was filed under, corrected with a version; every
-- filing and correction is kept in sentinel_report_changes with its reason. Counts only; scoped
-- like the daily reports (migration 0030, app_reads_daily_report).
CREATE TABLE "sentinel_designations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"health_center_id" uuid NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"until_date" date,
	"designated_by" uuid NOT NULL,
	"designated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sentinel_designations_period_check" CHECK ("sentinel_designations"."until_date" IS NULL OR "sentinel_designations"."until_date" >= "sentinel_designations"."from_date")
);
--> statement-breakpoint
CREATE TABLE "sentinel_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"health_center_id" uuid NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"week_start" date NOT NULL,
	"form_id" text NOT NULL,
	"form_version" text NOT NULL,
	"counts" jsonb NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sentinel_reports_counts_check" CHECK (jsonb_typeof("sentinel_reports"."counts") = 'object'),
	CONSTRAINT "sentinel_reports_monday_check" CHECK (extract(isodow from "sentinel_reports"."week_start") = 1)
);
--> statement-breakpoint
CREATE TABLE "sentinel_report_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"counts" jsonb NOT NULL,
	"reason" text,
	"changed_by" uuid NOT NULL,
	"changed_by_org_id" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sentinel_report_changes_kind_check" CHECK ("sentinel_report_changes"."kind" in ('filed','corrected'))
);
--> statement-breakpoint
ALTER TABLE "sentinel_designations" ADD CONSTRAINT "sentinel_designations_institution_id_organizations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_designations" ADD CONSTRAINT "sentinel_designations_health_center_id_organizations_id_fk" FOREIGN KEY ("health_center_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_designations" ADD CONSTRAINT "sentinel_designations_prefecture_id_organizations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_designations" ADD CONSTRAINT "sentinel_designations_designated_by_users_id_fk" FOREIGN KEY ("designated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_designations" ADD CONSTRAINT "sentinel_designations_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_reports" ADD CONSTRAINT "sentinel_reports_institution_id_organizations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_reports" ADD CONSTRAINT "sentinel_reports_health_center_id_organizations_id_fk" FOREIGN KEY ("health_center_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_reports" ADD CONSTRAINT "sentinel_reports_prefecture_id_organizations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_reports" ADD CONSTRAINT "sentinel_reports_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_reports" ADD CONSTRAINT "sentinel_reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_report_changes" ADD CONSTRAINT "sentinel_report_changes_report_id_sentinel_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."sentinel_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_report_changes" ADD CONSTRAINT "sentinel_report_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentinel_report_changes" ADD CONSTRAINT "sentinel_report_changes_changed_by_org_id_organizations_id_fk" FOREIGN KEY ("changed_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- One open designation per institution and kind (overlaps of closed ones: the service, under a lock).
CREATE UNIQUE INDEX "sentinel_designations_open_key" ON "sentinel_designations" USING btree ("institution_id","kind") WHERE "until_date" IS NULL;--> statement-breakpoint
CREATE INDEX "sentinel_designations_prefecture_idx" ON "sentinel_designations" USING btree ("prefecture_id","kind");--> statement-breakpoint
-- One report per institution, kind and week: a second filing (a retry without its key) finds it.
CREATE UNIQUE INDEX "sentinel_reports_institution_week_key" ON "sentinel_reports" USING btree ("institution_id","kind","week_start");--> statement-breakpoint
CREATE INDEX "sentinel_reports_prefecture_week_idx" ON "sentinel_reports" USING btree ("prefecture_id","kind","week_start");--> statement-breakpoint
CREATE INDEX "sentinel_reports_hc_week_idx" ON "sentinel_reports" USING btree ("health_center_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "sentinel_report_changes_report_version_key" ON "sentinel_report_changes" USING btree ("report_id","version");--> statement-breakpoint

-- Designations: read as the reports are (the institution, its centre, its prefecture, the ministry);
-- made and ended by the staff of the institution's own prefecture only.
GRANT SELECT, INSERT ON sentinel_designations TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (until_date, ended_by, ended_at, version) ON sentinel_designations TO hersys_app;
--> statement-breakpoint
ALTER TABLE sentinel_designations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sentinel_designations_read ON sentinel_designations FOR SELECT TO hersys_app
  USING (app_reads_daily_report(institution_id, health_center_id, prefecture_id));
--> statement-breakpoint
CREATE POLICY sentinel_designations_designate ON sentinel_designations FOR INSERT TO hersys_app
  WITH CHECK (app_has_role('prefecture_staff') AND app_org_kind() = 'prefecture' AND prefecture_id = app_prefecture_id()
              AND designated_by = app_user_id() AND app_institution_in_area(institution_id, health_center_id, prefecture_id));
--> statement-breakpoint
CREATE POLICY sentinel_designations_end ON sentinel_designations FOR UPDATE TO hersys_app
  USING (app_has_role('prefecture_staff') AND app_org_kind() = 'prefecture' AND prefecture_id = app_prefecture_id())
  WITH CHECK (ended_by = app_user_id());
--> statement-breakpoint

-- Whether an institution is designated for a kind in the week starting on a Monday (any day of it);
-- mirrors coversWeek() in src/domain/sentinel/rules.ts. Read under the caller's row-level security.
CREATE FUNCTION app_sentinel_designated(p_institution uuid, p_kind text, p_week_start date) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM sentinel_designations d WHERE d.institution_id = p_institution AND d.kind = p_kind
                 AND d.from_date <= p_week_start + 6 AND (d.until_date IS NULL OR d.until_date >= p_week_start))
$$;
--> statement-breakpoint
GRANT SELECT, INSERT ON sentinel_reports TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (counts, updated_by, updated_at, version) ON sentinel_reports TO hersys_app;
--> statement-breakpoint
ALTER TABLE sentinel_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sentinel_reports_read ON sentinel_reports FOR SELECT TO hersys_app
  USING (app_reads_daily_report(institution_id, health_center_id, prefecture_id));
--> statement-breakpoint
-- The institution files its own, in its own area, as the acting user, for a week it is designated in.
CREATE POLICY sentinel_reports_file ON sentinel_reports FOR INSERT TO hersys_app
  WITH CHECK (institution_id = app_scope_institution() AND app_org_kind() = 'medical_institution'
              AND filed_by = app_user_id() AND app_institution_in_area(institution_id, health_center_id, prefecture_id)
              AND app_sentinel_designated(institution_id, kind, week_start));
--> statement-breakpoint
-- The institution corrects until the Monday after the week (Japan time); the prefecture any week of its own.
CREATE POLICY sentinel_reports_correct ON sentinel_reports FOR UPDATE TO hersys_app
  USING ((institution_id = app_scope_institution() AND app_org_kind() = 'medical_institution'
          AND (now() AT TIME ZONE 'Asia/Tokyo')::date <= week_start + 7)
      OR (app_has_role('prefecture_staff') AND app_org_kind() = 'prefecture' AND prefecture_id = app_prefecture_id()))
  WITH CHECK (updated_by = app_user_id());
--> statement-breakpoint
GRANT SELECT, INSERT ON sentinel_report_changes TO hersys_app;
--> statement-breakpoint
ALTER TABLE sentinel_report_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sentinel_report_changes_read ON sentinel_report_changes FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM sentinel_reports r WHERE r.id = report_id));
--> statement-breakpoint
CREATE POLICY sentinel_report_changes_write ON sentinel_report_changes FOR INSERT TO hersys_app
  WITH CHECK (changed_by = app_user_id() AND changed_by_org_id = app_org_id()
              AND EXISTS (SELECT 1 FROM sentinel_reports r WHERE r.id = report_id));
--> statement-breakpoint
CREATE FUNCTION sentinel_report_changes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sentinel_report_changes is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER sentinel_report_changes_append_only BEFORE UPDATE OR DELETE ON sentinel_report_changes
  FOR EACH ROW EXECUTE FUNCTION sentinel_report_changes_refuse_change();
