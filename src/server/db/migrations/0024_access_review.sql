-- Issue 12 (access review): what the review learns about each access, beside the append-only
-- audit log, and the alerts privacy officers work through. The jobs that fill access_explanations and
-- raise alerts run as the owner; officers read through the policies below.
CREATE TABLE "access_explanations" (
	"seq" bigint NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"actor_org_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"action" text NOT NULL,
	"template" text,
	"purpose_only" boolean DEFAULT false NOT NULL,
	CONSTRAINT "access_explanations_seq_case_id_pk" PRIMARY KEY("seq","case_id")
);
--> statement-breakpoint
CREATE TABLE "access_review_progress" (
	"job" text PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"action" text NOT NULL,
	"by_user_id" uuid,
	"by_org_id" uuid,
	"text" text,
	"to_org_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_actions_action_check" CHECK ("review_actions"."action" in ('dismiss','ask','answer','escalate','confirm','note'))
);
--> statement-breakpoint
CREATE TABLE "review_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"subject_user_id" uuid,
	"subject_org_id" uuid NOT NULL,
	"review_org_id" uuid NOT NULL,
	"day" date,
	"score" integer DEFAULT 0 NOT NULL,
	"hits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"question_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "review_alerts_source_check" CHECK ("review_alerts"."source" in ('rules','hard_limit','patient_question','report')),
	CONSTRAINT "review_alerts_status_check" CHECK ("review_alerts"."status" in ('open','asked','answered','escalated','dismissed','confirmed'))
);
--> statement-breakpoint
CREATE TABLE "sensitive_persons" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"marked_by_org_id" uuid NOT NULL,
	"marked_by" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensitive_persons_kind_check" CHECK ("sensitive_persons"."kind" in ('public_figure','staff','other'))
);
--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_alert_id_review_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."review_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_by_org_id_organizations_id_fk" FOREIGN KEY ("by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_to_org_id_organizations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_alerts" ADD CONSTRAINT "review_alerts_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_alerts" ADD CONSTRAINT "review_alerts_subject_org_id_organizations_id_fk" FOREIGN KEY ("subject_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_alerts" ADD CONSTRAINT "review_alerts_review_org_id_organizations_id_fk" FOREIGN KEY ("review_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_alerts" ADD CONSTRAINT "review_alerts_question_id_access_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."access_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensitive_persons" ADD CONSTRAINT "sensitive_persons_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensitive_persons" ADD CONSTRAINT "sensitive_persons_marked_by_org_id_organizations_id_fk" FOREIGN KEY ("marked_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensitive_persons" ADD CONSTRAINT "sensitive_persons_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_explanations_actor_idx" ON "access_explanations" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "access_explanations_org_idx" ON "access_explanations" USING btree ("actor_org_id","at");--> statement-breakpoint
CREATE INDEX "access_explanations_case_idx" ON "access_explanations" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "review_actions_alert_idx" ON "review_actions" USING btree ("alert_id","at");--> statement-breakpoint
CREATE INDEX "review_alerts_queue_idx" ON "review_alerts" USING btree ("review_org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "review_alerts_subject_idx" ON "review_alerts" USING btree ("subject_user_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "review_alerts_rules_day_key" ON "review_alerts" USING btree ("subject_user_id","day") WHERE "review_alerts"."source" = 'rules';--> statement-breakpoint

-- The organisations whose accesses an officer reviews: their own and every one below it in the tree
-- (a prefecture's officer sees its centres and institutions; the ministry's, everything). Empty for
-- anyone who is not a privacy officer.
CREATE FUNCTION app_review_org_ids() RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT app_has_role('privacy_officer') OR app_org_id() IS NULL THEN RETURN '{}'; END IF;
  RETURN (WITH RECURSIVE tree AS (
            SELECT id FROM organizations WHERE id = app_org_id()
            UNION SELECT o.id FROM organizations o JOIN tree ON o.parent_id = tree.id)
          SELECT array_agg(id) FROM tree);
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_review_org_ids FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_review_org_ids TO hersys_app;
--> statement-breakpoint
GRANT SELECT ON access_explanations TO hersys_app;
--> statement-breakpoint
ALTER TABLE access_explanations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_explanations_officer ON access_explanations FOR SELECT TO hersys_app
  USING (actor_org_id = ANY ((SELECT app_review_org_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE access_review_progress ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- An officer works the alerts of their tree, never one about themselves.
GRANT SELECT, UPDATE (status, updated_at, version) ON review_alerts TO hersys_app;
--> statement-breakpoint
ALTER TABLE review_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY review_alerts_officer ON review_alerts TO hersys_app
  USING (review_org_id = ANY ((SELECT app_review_org_ids())::uuid[]) AND subject_user_id IS DISTINCT FROM (SELECT app_user_id()));
--> statement-breakpoint
GRANT SELECT, INSERT ON review_actions TO hersys_app;
--> statement-breakpoint
ALTER TABLE review_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY review_actions_officer ON review_actions TO hersys_app
  USING (EXISTS (SELECT 1 FROM review_alerts a WHERE a.id = alert_id))
  WITH CHECK (by_user_id = (SELECT app_user_id()) AND EXISTS (SELECT 1 FROM review_alerts a WHERE a.id = alert_id));
--> statement-breakpoint
-- A centre marks the records of people it sees (public figures, staff) as sensitive.
GRANT SELECT, INSERT, DELETE ON sensitive_persons TO hersys_app;
--> statement-breakpoint
ALTER TABLE sensitive_persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sensitive_persons_scope ON sensitive_persons TO hersys_app
  USING (app_sees_person(person_id)) WITH CHECK (app_sees_person(person_id) AND marked_by_org_id = (SELECT app_org_id()));
