CREATE TABLE "self_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"status" text DEFAULT 'pending_code' NOT NULL,
	"name_kanji" text NOT NULL,
	"name_kana" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"address" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"channel" text NOT NULL,
	"test_kit_name" text NOT NULL,
	"specimen" text NOT NULL,
	"test_date" date NOT NULL,
	"photo" "bytea",
	"photo_type" text,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"onset_date" date,
	"risk_factors" text[] DEFAULT '{}'::text[] NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"reject_note" text,
	"accepted_case_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "self_registrations_status_check" CHECK ("self_registrations"."status" in ('pending_code','submitted','accepted','rejected')),
	CONSTRAINT "self_registrations_sex_check" CHECK ("self_registrations"."sex" in ('male','female')),
	CONSTRAINT "self_registrations_channel_check" CHECK ("self_registrations"."channel" in ('email','sms')),
	CONSTRAINT "self_registrations_specimen_check" CHECK ("self_registrations"."specimen" in ('nasal_swab','saliva')),
	CONSTRAINT "self_registrations_photo_check" CHECK (("self_registrations"."photo" IS NULL) = ("self_registrations"."photo_type" IS NULL) AND "self_registrations"."photo_type" in ('image/jpeg','image/png') AND octet_length("self_registrations"."photo") <= 2097152),
	CONSTRAINT "self_registrations_accepted_check" CHECK (("self_registrations"."status" = 'accepted') = ("self_registrations"."accepted_case_id" IS NOT NULL)),
	CONSTRAINT "self_registrations_rejected_check" CHECK (("self_registrations"."status" = 'rejected') = ("self_registrations"."reject_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "self_registrations" ADD CONSTRAINT "self_registrations_prefecture_id_organizations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_registrations" ADD CONSTRAINT "self_registrations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_registrations" ADD CONSTRAINT "self_registrations_accepted_case_id_cases_id_fk" FOREIGN KEY ("accepted_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "self_registrations_reference_key" ON "self_registrations" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "self_registrations_review_idx" ON "self_registrations" USING btree ("prefecture_id","status","submitted_at");--> statement-breakpoint

-- 陽性者登録 (issue 11). The public form writes as the system (no one is logged in); staff read and
-- decide as hersys_app. A registration is seen once its code was confirmed, by the staff and doctors
-- of a follow-up centre and by the prefecture's staff, of its own prefecture — exactly
-- reviewsRegistrationsOf() in src/domain/self-registration.ts. Staff change only the decision.
ALTER TABLE self_registrations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON self_registrations TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (status, reviewed_by, reviewed_at, reject_reason, reject_note, accepted_case_id, version) ON self_registrations TO hersys_app;
--> statement-breakpoint
CREATE POLICY self_registrations_review ON self_registrations TO hersys_app USING (
  status <> 'pending_code'
  AND prefecture_id = (SELECT app_prefecture_id())
  AND ((app_org_kind() = 'followup_center' AND (app_has_role('followup_staff') OR app_has_role('doctor')))
       OR (app_org_kind() = 'prefecture' AND app_has_role('prefecture_staff'))));
