-- Issue 14: helpdesk access (Q&A 24). A helpdesk user (ministry staff or the ministry's contractor)
-- sees no personal data; for a support ticket it asks the responsible centre for read-only access to
-- named cases (src/domain/privacy/helpdesk.ts). An access is a row here, and the scope functions of
-- migration 0036 read it next to the break-the-glass grants, so row-level security stays the one
-- place that says who sees what. The contractor column of users exists since migration 0024.
ALTER TABLE users DROP CONSTRAINT users_roles_check;
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['doctor','clerk','hc_staff','prefecture_staff','coordination_hq','facility_staff','followup_staff','ministry_staff','org_admin','privacy_officer','helpdesk']::text[] AND cardinality(roles) > 0);
--> statement-breakpoint

-- A request keeps the case number as typed; case_id and the centre are null when no case has it (the
-- requester is answered the same either way, and such a request lapses unanswered). Names are kept
-- as they were, like a break-the-glass grant. starts_at/expires_at: null until the centre approves,
-- or set at the request in 'notify' mode (the access starts unless refused before starts_at).
CREATE TABLE "helpdesk_accesses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"case_number" text NOT NULL,
	"case_id" uuid REFERENCES "cases"("id"),
	"responsible_hc_id" uuid REFERENCES "organizations"("id"),
	"ticket" text NOT NULL,
	"reason" text NOT NULL,
	"user_name" text NOT NULL,
	"contractor_name" text,
	"mode" text NOT NULL,
	"hours" numeric NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"starts_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"decision" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid REFERENCES "users"("id"),
	"decided_by_name" text,
	"ended_at" timestamp with time zone,
	"ended_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "helpdesk_accesses_mode_check" CHECK ("mode" in ('approve','notify')),
	CONSTRAINT "helpdesk_accesses_decision_check" CHECK ("decision" in ('approved','refused')),
	CONSTRAINT "helpdesk_accesses_hours_check" CHECK ("hours" > 0 AND "hours" <= 24),
	CONSTRAINT "helpdesk_accesses_case_check" CHECK (("case_id" IS NULL) = ("responsible_hc_id" IS NULL)),
	CONSTRAINT "helpdesk_accesses_period_check" CHECK (("starts_at" IS NULL) = ("expires_at" IS NULL)
		AND ("starts_at" IS NULL OR ("expires_at" > "starts_at" AND "expires_at" - "starts_at" <= interval '24 hours')))
);
--> statement-breakpoint
-- The scope check: the helpdesk user's unended accesses on one case (probed only for the helpdesk role).
CREATE INDEX "helpdesk_accesses_user_case_idx" ON "helpdesk_accesses" USING btree ("user_id","case_id","expires_at") WHERE "ended_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "helpdesk_accesses_centre_idx" ON "helpdesk_accesses" USING btree ("responsible_hc_id","requested_at");
--> statement-breakpoint
CREATE INDEX "helpdesk_accesses_requester_idx" ON "helpdesk_accesses" USING btree ("user_id","requested_at");
--> statement-breakpoint

-- Whether the acting helpdesk user's access to the case is in force: started (approved, or the
-- objection time passed), not expired, not ended or refused. Read only, always.
CREATE FUNCTION app_helpdesk_sees(p_case uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN app_has_role('helpdesk') AND EXISTS (
    SELECT 1 FROM helpdesk_accesses h
     WHERE h.user_id = app_user_id() AND h.case_id = p_case AND h.ended_at IS NULL
       AND h.expires_at > now() AND h.starts_at <= now());
END $$;
--> statement-breakpoint
-- Whether the acting helpdesk user holds any unended access on the case (then it writes nothing there).
CREATE FUNCTION app_helpdesk_on(p_case uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN app_has_role('helpdesk') AND EXISTS (
    SELECT 1 FROM helpdesk_accesses h WHERE h.user_id = app_user_id() AND h.case_id = p_case AND h.ended_at IS NULL);
END $$;
--> statement-breakpoint

-- Migration 0036's grant functions, now also for helpdesk accesses (never for writing). For anyone
-- without the helpdesk role the added test is a setting read: the ordinary path costs what it did.
CREATE OR REPLACE FUNCTION app_has_grant(p_case uuid, p_write boolean) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM break_glass_grants g
                 WHERE g.user_id = app_user_id() AND g.case_id = p_case AND g.ended_at IS NULL
                   AND g.expires_at > now() AND g.granted_at <= now() AND (g.writes OR NOT p_write))
    OR (NOT p_write AND app_helpdesk_sees(p_case));
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_granted_case_ids(p_write boolean) RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(g.case_id), '{}') FROM break_glass_grants g
          WHERE g.user_id = app_user_id() AND g.ended_at IS NULL AND g.expires_at > now()
            AND g.granted_at <= now() AND (g.writes OR NOT p_write))
    || CASE WHEN p_write OR NOT app_has_role('helpdesk') THEN '{}'::uuid[]
            ELSE (SELECT coalesce(array_agg(h.case_id), '{}') FROM helpdesk_accesses h
                   WHERE h.user_id = app_user_id() AND h.case_id IS NOT NULL AND h.ended_at IS NULL
                     AND h.expires_at > now() AND h.starts_at <= now()) END;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_writes_case(p_case uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN p_case IS NULL
    OR (NOT EXISTS (SELECT 1 FROM break_glass_grants g
                    WHERE g.user_id = app_user_id() AND g.case_id = p_case AND g.ended_at IS NULL AND g.expires_at > now())
        AND NOT app_helpdesk_on(p_case))
    OR app_in_scope_case(p_case) OR app_has_grant(p_case, true);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_writes_person(p_person uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (NOT EXISTS (SELECT 1 FROM break_glass_grants g JOIN cases c ON c.id = g.case_id
                      WHERE g.user_id = app_user_id() AND c.person_id = p_person AND g.ended_at IS NULL AND g.expires_at > now())
          AND NOT (app_has_role('helpdesk') AND EXISTS (SELECT 1 FROM helpdesk_accesses h JOIN cases c ON c.id = h.case_id
                                                       WHERE h.user_id = app_user_id() AND c.person_id = p_person AND h.ended_at IS NULL)))
    OR EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p_person AND (app_in_scope_case(c.id) OR app_has_grant(c.id, true)));
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_helpdesk_sees, app_helpdesk_on FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_helpdesk_sees, app_helpdesk_on TO hersys_app;
--> statement-breakpoint
-- The helpdesk registers nothing: persons and cases are inserted under policies open to any user.
CREATE POLICY persons_helpdesk_insert ON persons AS RESTRICTIVE FOR INSERT TO hersys_app WITH CHECK (NOT app_has_role('helpdesk'));
--> statement-breakpoint
CREATE POLICY cases_helpdesk_insert ON cases AS RESTRICTIVE FOR INSERT TO hersys_app WITH CHECK (NOT app_has_role('helpdesk'));
--> statement-breakpoint

-- The case behind a number, for a helpdesk request only: the id and the responsible centre, nothing
-- else; the service tells the requester nothing of it.
CREATE FUNCTION helpdesk_find(p_case_number text)
RETURNS TABLE (case_id uuid, responsible_hc_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_user_id() IS NULL OR NOT app_has_role('helpdesk') OR app_org_kind() IS DISTINCT FROM 'ministry' THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT c.id, c.responsible_hc_id FROM cases c WHERE c.case_number = p_case_number;
END $$;
--> statement-breakpoint
-- The request's case is the number's case (so a request cannot name one case and ask another's centre).
CREATE FUNCTION helpdesk_case_matches(p_case uuid, p_hc uuid, p_case_number text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (p_case IS NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_number = p_case_number))
      OR EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case AND c.responsible_hc_id = p_hc AND c.case_number = p_case_number);
END $$;
--> statement-breakpoint
-- What the helpdesk user did while an access lasted (with a minute's grace either side), from the
-- audit log the centre cannot read otherwise: the centre responsible and the user themselves only.
CREATE FUNCTION helpdesk_access_reads(p_access uuid)
RETURNS TABLE (at timestamptz, action text, outcome text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE h helpdesk_accesses;
BEGIN
  SELECT * INTO h FROM helpdesk_accesses WHERE id = p_access;
  IF h.id IS NULL OR h.starts_at IS NULL OR h.case_id IS NULL
     OR NOT (h.responsible_hc_id = app_scope_hc() OR h.user_id = app_user_id()) THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT a.at, a.action, a.outcome FROM audit_log a
     WHERE a.actor_user_id = h.user_id
       AND a.at >= h.starts_at - interval '1 minute'
       AND a.at <= least(h.expires_at, coalesce(h.ended_at, h.expires_at)) + interval '1 minute'
       AND (h.case_id::text = ANY (a.record_ids) OR a.details->>'caseId' = h.case_id::text)
     ORDER BY a.seq;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION helpdesk_find, helpdesk_case_matches, helpdesk_access_reads FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION helpdesk_find, helpdesk_case_matches, helpdesk_access_reads TO hersys_app;
--> statement-breakpoint

-- The accesses themselves: the requester sees its own; the responsible centre those on its cases and
-- decides or ends them. A request is made by a helpdesk user of the ministry, for itself, now,
-- undecided; in 'notify' mode it may start no sooner than 15 minutes later (the centre's time to refuse).
ALTER TABLE helpdesk_accesses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT ON helpdesk_accesses TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (starts_at, expires_at, decision, decided_at, decided_by, decided_by_name, ended_at, ended_by_name, version) ON helpdesk_accesses TO hersys_app;
--> statement-breakpoint
CREATE POLICY helpdesk_accesses_read ON helpdesk_accesses FOR SELECT TO hersys_app
  USING (user_id = (SELECT app_user_id()) OR responsible_hc_id = (SELECT app_scope_hc()));
--> statement-breakpoint
CREATE POLICY helpdesk_accesses_request ON helpdesk_accesses FOR INSERT TO hersys_app
  WITH CHECK (user_id = (SELECT app_user_id()) AND org_id = (SELECT app_org_id()) AND app_has_role('helpdesk')
              AND app_org_kind() = 'ministry' AND requested_at = now() AND decision IS NULL AND decided_at IS NULL
              AND ended_at IS NULL AND helpdesk_case_matches(case_id, responsible_hc_id, case_number)
              AND ((mode = 'approve' AND starts_at IS NULL)
                   OR (mode = 'notify' AND starts_at >= now() + interval '15 minutes' AND expires_at - starts_at <= make_interval(secs => hours * 3600))));
--> statement-breakpoint
CREATE POLICY helpdesk_accesses_decide ON helpdesk_accesses FOR UPDATE TO hersys_app
  USING (responsible_hc_id = (SELECT app_scope_hc())) WITH CHECK (responsible_hc_id = (SELECT app_scope_hc()));
--> statement-breakpoint

-- 抜き打ち検査 (issue 14): every audited action of the contractors' staff of the officer's tree in a
-- period, with the HER-SYS IDs of the cases each touched (named by the row or resolved by the
-- explanation job): nothing of a patient beyond what the audit names. For the privacy officer only.
CREATE FUNCTION contractor_inspection(p_orgs uuid[], p_since timestamptz, p_until timestamptz, p_limit integer)
RETURNS TABLE (seq bigint, at timestamptz, login_id text, display_name text, contractor_name text, org_name text,
               action text, outcome text, purpose text, case_numbers text[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT app_has_role('privacy_officer') THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT a.seq, a.at, u.login_id, u.display_name, u.contractor_name, o.name_ja, a.action, a.outcome, a.purpose,
           coalesce((SELECT array_agg(DISTINCT c.case_number ORDER BY c.case_number) FROM cases c
                      WHERE c.id = ANY (ARRAY(SELECT r::uuid FROM unnest(a.record_ids) r(r)
                                               WHERE r ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                              UNION SELECT e.case_id FROM access_explanations e WHERE e.seq = a.seq))), '{}')
      FROM users u
      JOIN organizations o ON o.id = u.org_id
      JOIN audit_log a ON a.actor_user_id = u.id AND a.at >= p_since AND a.at < p_until
     WHERE u.contractor_name IS NOT NULL AND u.org_id = ANY (p_orgs) AND u.org_id = ANY (app_review_org_ids())
     ORDER BY a.seq
     LIMIT p_limit;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION contractor_inspection FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION contractor_inspection TO hersys_app;
