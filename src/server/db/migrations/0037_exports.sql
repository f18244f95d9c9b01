-- Issue 14: exports that can be traced (src/domain/privacy/exports.ts). One row per export: who asked,
-- for what and why, how many rows, who approved, when it was fetched, and the export's key sealed
-- under the envelope (src/server/secrets/), from which its check codes and row order derive. The
-- file itself is never stored: it is made from the database, under the user's scope, when fetched.
CREATE TABLE "exports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"requester_id" uuid NOT NULL REFERENCES "users"("id"),
	"requester_name" text NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"org_name" text NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"encrypted" boolean NOT NULL,
	"filters" jsonb NOT NULL,
	"reason" text NOT NULL,
	"note" text NOT NULL,
	"row_count" integer NOT NULL,
	"needs_approval" boolean NOT NULL,
	"status" text NOT NULL,
	"approver_id" uuid REFERENCES "users"("id"),
	"approver_name" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"fetched_at" timestamp with time zone,
	"fetched_rows" integer,
	"sealed_key" text NOT NULL,
	"client_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exports_kind_check" CHECK ("kind" in ('case_list','line_list')),
	CONSTRAINT "exports_format_check" CHECK ("format" in ('csv','xlsx') AND (NOT "encrypted" OR "format" = 'xlsx')),
	CONSTRAINT "exports_reason_check" CHECK ("reason" in ('outbreak_investigation','followup_work','report_to_authority','admission_coordination','other')),
	CONSTRAINT "exports_status_check" CHECK ("status" in ('pending_approval','ready','fetched','expired','refused')),
	-- The second person is never the requester, and a file above the threshold is never ready without one.
	CONSTRAINT "exports_approver_check" CHECK ("approver_id" IS NULL OR "approver_id" <> "requester_id"),
	CONSTRAINT "exports_approval_check" CHECK (NOT "needs_approval" OR "status" in ('pending_approval','refused') OR "approver_id" IS NOT NULL),
	CONSTRAINT "exports_key_sealed_check" CHECK ("sealed_key" LIKE 'v1:%')
);
--> statement-breakpoint
CREATE INDEX "exports_requester_idx" ON "exports" USING btree ("requester_id","created_at");
--> statement-breakpoint
CREATE INDEX "exports_pending_idx" ON "exports" USING btree ("org_id","created_at") WHERE "status" = 'pending_approval';
--> statement-breakpoint
-- A retried request (the same Idempotency-Key) finds its export instead of making a second one.
CREATE UNIQUE INDEX "exports_client_key_idx" ON "exports" USING btree ("requester_id","client_key") WHERE "client_key" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "exports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The application may change only the approval and the fetch: what was asked, by whom, its size and
-- its key stay as written.
GRANT SELECT, INSERT ON "exports" TO hersys_app;
--> statement-breakpoint
GRANT UPDATE ("status", "approver_id", "approver_name", "decided_at", "expires_at", "fetched_at", "fetched_rows", "version") ON "exports" TO hersys_app;
--> statement-breakpoint
-- Who holds the export permission (src/domain/permissions.ts 'export').
CREATE FUNCTION app_exports_holder() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT app_has_role('hc_staff') OR app_has_role('prefecture_staff')
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_exports_holder FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_exports_holder TO hersys_app;
--> statement-breakpoint
-- The requester sees their own; the organisation's export holders see its pending approvals; the
-- approver what they decided.
CREATE POLICY exports_read ON "exports" FOR SELECT TO hersys_app USING (
  requester_id = app_user_id()
  OR approver_id = app_user_id()
  OR (org_id = app_org_id() AND status = 'pending_approval' AND app_exports_holder()));
--> statement-breakpoint
CREATE POLICY exports_request ON "exports" FOR INSERT TO hersys_app WITH CHECK (
  requester_id = app_user_id() AND org_id = app_org_id() AND app_exports_holder()
  AND status in ('pending_approval','ready') AND approver_id IS NULL AND fetched_at IS NULL);
--> statement-breakpoint
-- The requester fetches (or finds expired) their own ready file, and nothing else.
CREATE POLICY exports_fetch ON "exports" FOR UPDATE TO hersys_app
  USING (requester_id = app_user_id() AND status = 'ready')
  WITH CHECK (requester_id = app_user_id() AND status in ('fetched','expired'));
--> statement-breakpoint
-- Another holder of the same organisation approves or refuses a pending export, in their own name.
CREATE POLICY exports_approve ON "exports" FOR UPDATE TO hersys_app
  USING (org_id = app_org_id() AND status = 'pending_approval' AND requester_id <> app_user_id() AND app_exports_holder())
  WITH CHECK (approver_id = app_user_id() AND status in ('ready','refused'));
--> statement-breakpoint
-- The rows of an export, in the acting user's ordinary scope: exactly cases_scope (0001), applied
-- here explicitly, because under row-level security each person and notification row would run its
-- own policy function (app_sees_person, app_sees_case) — about 400 µs a row, 8 minutes for a
-- million. The view reads as its owner and lets through only the cases the policy would; a case
-- seen only under a break-the-glass grant is not exported. security_barrier: a caller's WHERE
-- cannot see rows the scope filters out.
CREATE VIEW export_rows WITH (security_barrier) AS
  SELECT c.id AS case_id, c.case_number, c.created_at, c.reporting_org_id, c.current_status, c.status_effective_on,
         p.name_kanji, p.name_kana, p.sex, p.birth_date, p.residence_address, p.phone,
         o.name_ja AS institution, n.classification, n.onset_on, n.diagnosed_on, n.confirmed_at
  FROM cases c
  JOIN persons p ON p.id = c.person_id
  LEFT JOIN LATERAL (SELECT n.classification, n.onset_on, n.diagnosed_on, n.confirmed_at FROM notifications n
                     WHERE n.case_id = c.id AND n.status <> 'withdrawn' AND n.superseded_at IS NULL
                     ORDER BY n.created_at DESC LIMIT 1) n ON TRUE
  LEFT JOIN organizations o ON o.id = c.reporting_org_id
  WHERE c.responsible_hc_id = (SELECT app_scope_hc())
     OR c.reporting_org_id = (SELECT app_scope_institution())
     OR c.prefecture_id = (SELECT app_scope_prefecture())
     OR c.id = ANY ((SELECT app_related_case_ids())::uuid[])
     OR c.id = ANY ((SELECT app_assigned_case_ids())::uuid[]);
--> statement-breakpoint
REVOKE ALL ON export_rows FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON export_rows TO hersys_app;
