CREATE TABLE "lab_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"method" text NOT NULL,
	"specimen" text NOT NULL,
	"specimen_other" text,
	"collected_on" date,
	"result" text NOT NULL,
	"result_on" date,
	"lab_name" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "name_kana_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "residence_address" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "registered_address" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "phone_key" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "guardian_name" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "guardian_phone" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "guardian_address" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "lab_tests" ADD CONSTRAINT "lab_tests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lab_tests_case_idx" ON "lab_tests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "persons_birth_kana_idx" ON "persons" USING btree ("birth_date","name_kana_key");--> statement-breakpoint
CREATE INDEX "persons_phone_birth_idx" ON "persons" USING btree ("phone_key","birth_date");--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_sex_check" CHECK ("persons"."sex" in ('male','female'));