-- Who may see which rows, enforced by PostgreSQL itself (DESIGN.md §4–5).
--
-- Every request runs in a transaction that does `SET LOCAL ROLE hersys_app` and sets the acting
-- user with set_config('app.*', …, true) (src/server/db/database.ts). hersys_app is not a
-- superuser, does not own the tables and cannot bypass RLS, so a wrong query cannot leak rows
-- outside the actor's scope. The scope functions mirror src/domain/organizations.ts.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hersys_app') THEN
    CREATE ROLE hersys_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT pg_has_role(current_user, 'hersys_app', 'MEMBER') THEN
    EXECUTE format('GRANT hersys_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint

-- The acting user, as set for the current transaction. Empty outside a user's transaction.
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_org_kind() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_kind', true), '') $$;
--> statement-breakpoint
CREATE FUNCTION app_prefecture_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.prefecture_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_has_role(r text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT r = ANY (string_to_array(coalesce(current_setting('app.roles', true), ''), ',')) $$;
--> statement-breakpoint

-- Does an administrator of `issuer` issue IDs for `target`? Mirrors issuesFor() in the domain.
CREATE FUNCTION org_issues_for(issuer uuid, target uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM organizations i, organizations t
    WHERE i.id = issuer AND t.id = target AND (
      i.id = t.id
      OR (i.kind = 'ministry' AND t.kind = 'prefecture')
      OR (i.kind = 'prefecture' AND t.prefecture_id = i.id AND t.kind IN
          ('health_center', 'coordination_hq', 'accommodation_facility', 'followup_center', 'public_health_institute'))
      OR (i.kind = 'health_center' AND t.kind = 'medical_institution' AND t.parent_id = i.id)))
$$;
--> statement-breakpoint

-- The organisations (and their users) the acting administrator issues IDs for; empty for others.
-- Policies call these as `(SELECT f())`, which PostgreSQL evaluates once per query, not per row.
CREATE FUNCTION app_issued_org_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(t.id), '{}') FROM organizations t
  WHERE app_has_role('org_admin') AND org_issues_for(app_org_id(), t.id)
$$;
--> statement-breakpoint
CREATE FUNCTION app_issued_user_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(u.id), '{}') FROM users u WHERE u.org_id = ANY (app_issued_org_ids())
$$;
--> statement-breakpoint
CREATE FUNCTION app_issues_for(target uuid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT target = ANY (app_issued_org_ids()) $$;
--> statement-breakpoint
CREATE FUNCTION app_issues_for_user(target_user uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT app_issues_for((SELECT org_id FROM users WHERE id = target_user)) $$;
--> statement-breakpoint

-- Case scope, as values the cases policy compares indexed columns with. Each is NULL (or empty)
-- unless the actor's roles give that kind of scope, so an index scan for it finds nothing.
-- H: the responsible health centre (related centres: app_related_case_ids).
CREATE FUNCTION app_scope_hc() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_has_role('hc_staff') AND app_org_kind() = 'health_center' THEN app_org_id() END
$$;
--> statement-breakpoint
-- A medical institution sees the cases it reported.
CREATE FUNCTION app_scope_institution() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_has_role('doctor') OR app_has_role('clerk') THEN app_org_id() END
$$;
--> statement-breakpoint
-- SG and G see the whole prefecture; so does a public-health institute checking data with H rights (Q&A 19).
CREATE FUNCTION app_scope_prefecture() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_has_role('prefecture_staff') OR app_has_role('coordination_hq')
                OR (app_has_role('hc_staff') AND app_org_kind() = 'public_health_institute')
         THEN app_prefecture_id() END
$$;
--> statement-breakpoint
-- Cases a health centre shares as a related centre (Q&A 4).
CREATE FUNCTION app_related_case_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(r.case_id), '{}') FROM case_related_hcs r WHERE r.hc_id = app_scope_hc()
$$;
--> statement-breakpoint
-- W and C: the cases assigned to their organisation, while the assignment lasts.
CREATE FUNCTION app_assigned_case_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(a.case_id), '{}') FROM case_assignments a
  WHERE (app_has_role('facility_staff') OR app_has_role('followup_staff'))
    AND a.org_id = app_org_id() AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
$$;
--> statement-breakpoint

-- Append-only audit log: no update, no delete, no truncate, for anyone who does not first
-- disable the trigger (which only a superuser or the owner can, and the hash chain then tells).
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint

-- The head of the chain, taken under a transaction lock so appends are strictly ordered.
-- SECURITY DEFINER because the application role may not read other people's audit rows.
CREATE FUNCTION audit_chain_head(OUT head_seq bigint, OUT head_hash text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4735120);
  SELECT a.seq, a.hash INTO head_seq, head_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
END $$;
--> statement-breakpoint

-- Credentials are out of the application role's reach; an administrator sets an initial password
-- (on issue or reset) and reopens a locked ID only through these, for IDs they issue for.
CREATE FUNCTION issue_credentials(p_user uuid, p_hash text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT app_issues_for_user(p_user) THEN
    RAISE EXCEPTION 'not in the issuing scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO credentials (user_id, password_hash, must_change_password) VALUES (p_user, p_hash, true)
  ON CONFLICT (user_id) DO UPDATE SET
    password_hash = excluded.password_hash, must_change_password = true, password_changed_at = NULL,
    totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL,
    failed_attempts = 0, last_failed_at = NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reset_login_failures(p_user uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT app_issues_for_user(p_user) THEN
    RAISE EXCEPTION 'not in the issuing scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE credentials SET failed_attempts = 0, last_failed_at = NULL WHERE user_id = p_user;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION issue_credentials(uuid, text), reset_login_failures(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION issue_credentials(uuid, text), reset_login_failures(uuid) TO hersys_app;
--> statement-breakpoint

GRANT USAGE ON SCHEMA public TO hersys_app;
--> statement-breakpoint
GRANT SELECT ON organizations TO hersys_app;
--> statement-breakpoint
GRANT UPDATE (id_quota, version) ON organizations TO hersys_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users, persons, cases, case_related_hcs, case_assignments TO hersys_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON sessions, security_flags TO hersys_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO hersys_app;
--> statement-breakpoint
REVOKE ALL ON credentials FROM hersys_app;
--> statement-breakpoint

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_read ON users FOR SELECT TO hersys_app
  USING (id = (SELECT app_user_id()) OR org_id = (SELECT app_org_id()) OR org_id = ANY ((SELECT app_issued_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY users_issue ON users FOR INSERT TO hersys_app WITH CHECK (org_id = ANY ((SELECT app_issued_org_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY users_manage ON users FOR UPDATE TO hersys_app
  USING (org_id = ANY ((SELECT app_issued_org_ids())::uuid[])) WITH CHECK (org_id = ANY ((SELECT app_issued_org_ids())::uuid[]));
--> statement-breakpoint

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_own_or_issued ON sessions TO hersys_app
  USING (user_id = (SELECT app_user_id()) OR user_id = ANY ((SELECT app_issued_user_ids())::uuid[]));
--> statement-breakpoint

ALTER TABLE security_flags ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY security_flags_issued ON security_flags TO hersys_app
  USING (user_id = ANY ((SELECT app_issued_user_ids())::uuid[]));
--> statement-breakpoint

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO hersys_app
  WITH CHECK (actor_user_id IS NOT DISTINCT FROM (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO hersys_app
  USING (actor_user_id = (SELECT app_user_id()) OR actor_org_id = ANY ((SELECT app_issued_org_ids())::uuid[]));
--> statement-breakpoint

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Each branch compares an indexed column with a value computed once per query, so a health
-- centre's few thousand cases are found by index among millions (bench/rls-scope.ts).
CREATE POLICY cases_scope ON cases TO hersys_app USING (
  responsible_hc_id = (SELECT app_scope_hc())
  OR reporting_org_id = (SELECT app_scope_institution())
  OR prefecture_id = (SELECT app_scope_prefecture())
  OR id = ANY ((SELECT app_related_case_ids())::uuid[])
  OR id = ANY ((SELECT app_assigned_case_ids())::uuid[]));
--> statement-breakpoint

-- A person is visible through a visible case; the sub-select is itself filtered by cases_scope.
-- EXISTS is an index probe per person row touched, so its cost follows the rows a query reads.
ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY persons_read ON persons FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = persons.id));
--> statement-breakpoint
CREATE POLICY persons_update ON persons FOR UPDATE TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = persons.id));
--> statement-breakpoint
CREATE POLICY persons_register ON persons FOR INSERT TO hersys_app WITH CHECK (app_user_id() IS NOT NULL);
--> statement-breakpoint

ALTER TABLE case_related_hcs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_related_hcs_scope ON case_related_hcs TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint

ALTER TABLE case_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_assignments_scope ON case_assignments TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
