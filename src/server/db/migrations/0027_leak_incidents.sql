-- Issue 12: the leak-incident register (seed 004: what a report of a leak must hold) and what the
-- compliance report (seed 000 §2–4) reads. Officers work the incidents of their organisation's tree
-- (app_review_org_ids(), migration 0024); the report counts the audit rows and IDs of that tree.
CREATE TABLE "leak_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone,
	"discovered_at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"data_kinds" text DEFAULT '' NOT NULL,
	"record_count" integer,
	"person_count" integer,
	"media" text[] DEFAULT '{}' NOT NULL,
	"media_note" text,
	"notification" text,
	"notified_on" date,
	"secondary_damage" text DEFAULT 'unknown' NOT NULL,
	"secondary_damage_note" text,
	"cause" text,
	"prevention" text,
	"reported_prefecture_on" date,
	"reported_ministry_on" date,
	"reported_ppc_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence_seqs" bigint[] DEFAULT '{}' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "leak_incidents_media_check" CHECK ("leak_incidents"."media" <@ ARRAY['paper','electronic','email','sns','device','other']::text[]),
	CONSTRAINT "leak_incidents_secondary_damage_check" CHECK ("leak_incidents"."secondary_damage" in ('known','none','unknown')),
	CONSTRAINT "leak_incidents_status_check" CHECK ("leak_incidents"."status" in ('open','reported','closed')),
	CONSTRAINT "leak_incidents_counts_check" CHECK (coalesce("leak_incidents"."record_count", 0) >= 0 AND coalesce("leak_incidents"."person_count", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "leak_incident_alerts" (
	"incident_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	CONSTRAINT "leak_incident_alerts_incident_id_alert_id_pk" PRIMARY KEY("incident_id","alert_id")
);
--> statement-breakpoint
CREATE TABLE "leak_incident_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fields" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leak_incidents" ADD CONSTRAINT "leak_incidents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leak_incidents" ADD CONSTRAINT "leak_incidents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leak_incident_alerts" ADD CONSTRAINT "leak_incident_alerts_incident_id_leak_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."leak_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leak_incident_alerts" ADD CONSTRAINT "leak_incident_alerts_alert_id_review_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."review_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leak_incident_history" ADD CONSTRAINT "leak_incident_history_incident_id_leak_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."leak_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leak_incident_history" ADD CONSTRAINT "leak_incident_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leak_incidents_org_idx" ON "leak_incidents" USING btree ("org_id","discovered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "leak_incident_alerts_alert_key" ON "leak_incident_alerts" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "leak_incident_history_incident_idx" ON "leak_incident_history" USING btree ("incident_id","version");--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE ON leak_incidents TO hersys_app;
--> statement-breakpoint
ALTER TABLE leak_incidents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The incident's organisation is the officer's or one below it.
CREATE POLICY leak_incidents_officer ON leak_incidents TO hersys_app
  USING (org_id = ANY ((SELECT app_review_org_ids())::uuid[]))
  WITH CHECK (org_id = ANY ((SELECT app_review_org_ids())::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT ON leak_incident_alerts, leak_incident_history TO hersys_app;
--> statement-breakpoint
ALTER TABLE leak_incident_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A link needs both ends visible: the incident, and the alert (never one about the officer).
CREATE POLICY leak_incident_alerts_officer ON leak_incident_alerts TO hersys_app
  USING (EXISTS (SELECT 1 FROM leak_incidents i WHERE i.id = incident_id))
  WITH CHECK (EXISTS (SELECT 1 FROM leak_incidents i WHERE i.id = incident_id)
              AND EXISTS (SELECT 1 FROM review_alerts a WHERE a.id = alert_id AND a.status = 'confirmed'));
--> statement-breakpoint
ALTER TABLE leak_incident_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY leak_incident_history_officer ON leak_incident_history TO hersys_app
  USING (EXISTS (SELECT 1 FROM leak_incidents i WHERE i.id = incident_id))
  WITH CHECK (changed_by = (SELECT app_user_id()) AND EXISTS (SELECT 1 FROM leak_incidents i WHERE i.id = incident_id));
--> statement-breakpoint

-- The compliance report: an officer counts the audited accesses and reviews the IDs of the tree
-- (seed 000 §2: permissions and their scope). Reading, never changing.
CREATE POLICY users_privacy_officer_read ON users FOR SELECT TO hersys_app
  USING (org_id = ANY ((SELECT app_review_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY audit_log_privacy_officer_read ON audit_log FOR SELECT TO hersys_app
  USING (actor_org_id = ANY ((SELECT app_review_org_ids())::uuid[]));
--> statement-breakpoint
-- The daily job suspends unused IDs as the system (no actor): the rows naming IDs of the tree.
CREATE FUNCTION app_review_auto_suspended(since timestamptz, until timestamptz)
RETURNS TABLE (user_id uuid, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, a.at FROM audit_log a CROSS JOIN LATERAL unnest(a.record_ids) AS r(id)
  JOIN users u ON u.id::text = r.id
  WHERE a.action = 'users.auto_suspend' AND a.at >= since AND a.at < until
    AND u.org_id = ANY (app_review_org_ids())
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_review_auto_suspended FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_review_auto_suspended TO hersys_app;
