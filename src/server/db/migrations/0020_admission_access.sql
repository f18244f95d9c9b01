-- An admission gives the hospital the case for the stay (Q&A 9). First the link and the new kind of
-- assignment (generated from schema.ts), then who may give it, and the admissions already kept.
ALTER TABLE "case_assignments" DROP CONSTRAINT "case_assignments_kind_check";--> statement-breakpoint
ALTER TABLE "admissions" ADD COLUMN "assignment_id" uuid;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_assignment_id_case_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."case_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_kind_check" CHECK ("case_assignments"."kind" in ('followup','residence','admission'));--> statement-breakpoint

-- Q&A 9: an admission gives the hospital the case for the stay, whoever keys it in, as a 居所 does:
-- from the admission day's midnight in Japan to the midnight after the discharge day (accessPeriod,
-- src/domain/residence.ts); app_assigned_case_ids() reads it like any assignment. A hospital keying
-- in its own admission gives that access to itself, and nothing else.
DROP POLICY case_assignments_assign ON case_assignments;
--> statement-breakpoint
CREATE POLICY case_assignments_assign ON case_assignments FOR INSERT TO hersys_app
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)
              AND ((SELECT app_scope_hc()) IS NOT NULL
                   OR (kind = 'admission' AND org_id = (SELECT app_scope_institution())
                       AND (SELECT app_org_kind()) = 'medical_institution')));
--> statement-breakpoint

-- The admissions kept before now get the access they would have given.
WITH stays AS (
  SELECT a.id AS admission_id, gen_random_uuid() AS assignment_id, a.case_id, a.hospital_id, a.admitted_on, a.discharged_on, a.created_by
  FROM admissions a
  WHERE a.assignment_id IS NULL
), granted AS (
  INSERT INTO case_assignments (id, case_id, org_id, kind, starts_at, ends_at, created_by)
  SELECT s.assignment_id, s.case_id, s.hospital_id, 'admission',
         s.admitted_on::timestamp AT TIME ZONE 'Asia/Tokyo',
         (s.discharged_on + 1)::timestamp AT TIME ZONE 'Asia/Tokyo',
         s.created_by
  FROM stays s
)
UPDATE admissions a SET assignment_id = s.assignment_id FROM stays s WHERE a.id = s.admission_id;
