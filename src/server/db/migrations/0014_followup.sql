CREATE TABLE "admissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"admitted_on" date NOT NULL,
	"discharged_on" date,
	"ward" text,
	"attending_doctor" text,
	"outcome" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "admissions_period_check" CHECK ("admissions"."discharged_on" IS NULL OR "admissions"."discharged_on" >= "admissions"."admitted_on"),
	CONSTRAINT "admissions_outcome_check" CHECK ("admissions"."outcome" in ('recovered','transferred','died','other'))
);
--> statement-breakpoint
CREATE TABLE "case_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"observation_id" uuid,
	"rule" text NOT NULL,
	"observed_on" date NOT NULL,
	"message" jsonb NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledged_by_name" text,
	"acknowledgement_note" text
);
--> statement-breakpoint
CREATE TABLE "case_external_ids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"system" text NOT NULL,
	"value" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_external_ids_system_check" CHECK ("case_external_ids"."system" in ('nesid','local'))
);
--> statement-breakpoint
CREATE TABLE "case_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_status" text,
	"status" text NOT NULL,
	"effective_on" date NOT NULL,
	"note" text,
	"reason" text,
	"changed_by" uuid NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_by_org_name" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_status_changes_status_check" CHECK ("case_status_changes"."status" in ('awaiting_admission','hospitalized','accommodation','home','welfare_facility','released','died','unknown'))
);
--> statement-breakpoint
CREATE TABLE "case_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"from_hc_id" uuid NOT NULL,
	"to_hc_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"kept_as_related" boolean DEFAULT false NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_by_org_name" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinical_course" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"admission_id" uuid,
	"observed_on" date NOT NULL,
	"severity" text NOT NULL,
	"oxygen" boolean DEFAULT false NOT NULL,
	"icu" boolean DEFAULT false NOT NULL,
	"ventilator" boolean DEFAULT false NOT NULL,
	"ecmo" boolean DEFAULT false NOT NULL,
	"note" text,
	"changed_by" uuid NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_by_org_name" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinical_course_severity_check" CHECK ("clinical_course"."severity" in ('mild','moderate1','moderate2','severe')),
	CONSTRAINT "clinical_course_severe_check" CHECK (("clinical_course"."severity" = 'severe') = ("clinical_course"."icu" OR "clinical_course"."ventilator" OR "clinical_course"."ecmo"))
);
--> statement-breakpoint
CREATE TABLE "contact_exposures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"source_case_id" uuid NOT NULL,
	"setting" text NOT NULL,
	"relation" text,
	"last_contact_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_exposures_setting_check" CHECK ("contact_exposures"."setting" in ('household','workplace','school','medical','facility','other'))
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"responsible_hc_id" uuid NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"disease" text DEFAULT 'covid19' NOT NULL,
	"monitoring_ends_on" date NOT NULL,
	"outcome" text DEFAULT 'monitoring' NOT NULL,
	"became_case_id" uuid,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "contacts_outcome_check" CHECK ("contacts"."outcome" in ('monitoring','completed','became_case','lost_to_follow_up','refused'))
);
--> statement-breakpoint
CREATE TABLE "health_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"observed_on" date NOT NULL,
	"observed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"temperature" numeric(3, 1),
	"spo2" integer,
	"pulse" integer,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"recorded_by_org_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_observations_source_check" CHECK ("health_observations"."source" in ('staff','self')),
	CONSTRAINT "health_observations_method_check" CHECK ("health_observations"."method" in ('phone','visit','facility_round','ward','app')),
	CONSTRAINT "health_observations_spo2_check" CHECK ("health_observations"."spo2" BETWEEN 50 AND 100),
	CONSTRAINT "health_observations_pulse_check" CHECK ("health_observations"."pulse" BETWEEN 20 AND 250)
);
--> statement-breakpoint
CREATE TABLE "processing_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"number_hash" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "residences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid,
	"place_name" text,
	"address" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"note" text,
	"assignment_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "residences_kind_check" CHECK ("residences"."kind" in ('home','accommodation','hospital','welfare_facility','other')),
	CONSTRAINT "residences_period_check" CHECK ("residences"."ends_on" IS NULL OR "residences"."ends_on" >= "residences"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD COLUMN "kind" text DEFAULT 'followup' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "case_related_hcs" ADD COLUMN "added_by" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "current_status" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "status_effective_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_observed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_hospital_id_organizations_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_alerts" ADD CONSTRAINT "case_alerts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_alerts" ADD CONSTRAINT "case_alerts_observation_id_health_observations_id_fk" FOREIGN KEY ("observation_id") REFERENCES "public"."health_observations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_external_ids" ADD CONSTRAINT "case_external_ids_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_changes" ADD CONSTRAINT "case_status_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_from_hc_id_organizations_id_fk" FOREIGN KEY ("from_hc_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_to_hc_id_organizations_id_fk" FOREIGN KEY ("to_hc_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_course" ADD CONSTRAINT "clinical_course_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_course" ADD CONSTRAINT "clinical_course_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_exposures" ADD CONSTRAINT "contact_exposures_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_exposures" ADD CONSTRAINT "contact_exposures_source_case_id_cases_id_fk" FOREIGN KEY ("source_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_responsible_hc_id_organizations_id_fk" FOREIGN KEY ("responsible_hc_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_prefecture_id_organizations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_became_case_id_cases_id_fk" FOREIGN KEY ("became_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_observations" ADD CONSTRAINT "health_observations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_numbers" ADD CONSTRAINT "processing_numbers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_assignment_id_case_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."case_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admissions_case_idx" ON "admissions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "admissions_hospital_open_idx" ON "admissions" USING btree ("hospital_id") WHERE "admissions"."discharged_on" IS NULL;--> statement-breakpoint
CREATE INDEX "case_alerts_case_idx" ON "case_alerts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_alerts_open_idx" ON "case_alerts" USING btree ("case_id") WHERE "case_alerts"."acknowledged_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "case_external_ids_nesid_key" ON "case_external_ids" USING btree ("value") WHERE "case_external_ids"."system" = 'nesid';--> statement-breakpoint
CREATE INDEX "case_external_ids_lookup_idx" ON "case_external_ids" USING btree ("system","value");--> statement-breakpoint
CREATE INDEX "case_external_ids_case_idx" ON "case_external_ids" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_status_changes_case_idx" ON "case_status_changes" USING btree ("case_id","changed_at");--> statement-breakpoint
CREATE INDEX "case_transfers_case_idx" ON "case_transfers" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_transfers_from_idx" ON "case_transfers" USING btree ("from_hc_id","changed_at");--> statement-breakpoint
CREATE INDEX "clinical_course_case_idx" ON "clinical_course" USING btree ("case_id","observed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_exposures_pair_key" ON "contact_exposures" USING btree ("contact_id","source_case_id");--> statement-breakpoint
CREATE INDEX "contact_exposures_source_idx" ON "contact_exposures" USING btree ("source_case_id");--> statement-breakpoint
CREATE INDEX "contacts_person_idx" ON "contacts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "contacts_responsible_idx" ON "contacts" USING btree ("responsible_hc_id");--> statement-breakpoint
CREATE INDEX "contacts_became_case_idx" ON "contacts" USING btree ("became_case_id");--> statement-breakpoint
CREATE INDEX "health_observations_case_idx" ON "health_observations" USING btree ("case_id","observed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "processing_numbers_hash_key" ON "processing_numbers" USING btree ("number_hash");--> statement-breakpoint
CREATE INDEX "processing_numbers_case_idx" ON "processing_numbers" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "residences_case_idx" ON "residences" USING btree ("case_id","starts_on");--> statement-breakpoint
CREATE INDEX "cases_hospitalized_idx" ON "cases" USING btree ("prefecture_id") WHERE "cases"."current_status" = 'hospitalized';--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_kind_check" CHECK ("case_assignments"."kind" in ('followup','residence'));--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_current_status_check" CHECK ("cases"."current_status" in ('awaiting_admission','hospitalized','accommodation','home','welfare_facility','released','died','unknown'));