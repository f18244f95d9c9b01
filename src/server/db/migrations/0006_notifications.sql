CREATE TABLE "notification_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_submissions" (
	"notification_id" uuid NOT NULL,
	"classification" text NOT NULL,
	"submitted_on" date NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid NOT NULL,
	CONSTRAINT "notification_submissions_notification_id_classification_pk" PRIMARY KEY("notification_id","classification")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"form_id" text NOT NULL,
	"form_version" text NOT NULL,
	"classification" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"institution_id" uuid NOT NULL,
	"doctor_user_id" uuid,
	"doctor_name" text,
	"source" text DEFAULT 'direct' NOT NULL,
	"diagnosed_on" date,
	"initial_consultation_on" date,
	"specimen_collected_on" date,
	"onset_on" date,
	"estimated_infection_on" date,
	"death_on" date,
	"occupation" text,
	"admitted" boolean,
	"symptomatic" boolean,
	"clinical_diagnosis" boolean DEFAULT false NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acknowledged_warnings" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text,
	"superseded_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "notifications_classification_check" CHECK ("notifications"."classification" in ('patient','asymptomatic_carrier','suspected','deceased','suspected_deceased')),
	CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" in ('draft','submitted','withdrawn')),
	CONSTRAINT "notifications_source_check" CHECK ("notifications"."source" in ('direct','fax','paper'))
);
--> statement-breakpoint
ALTER TABLE "notification_changes" ADD CONSTRAINT "notification_changes_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_submissions" ADD CONSTRAINT "notification_submissions_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_institution_id_organizations_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_changes_notification_idx" ON "notification_changes" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "notifications_case_idx" ON "notifications" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "notifications_institution_idx" ON "notifications" USING btree ("institution_id");