-- Issue 4 (follow-up): who may see and change the new case records, enforced by PostgreSQL.
-- Every record of a case is seen and written by whoever may see the case (cases_scope), as for
-- test records; the exceptions are spelled out below. Services check roles and rules first.

-- W, C and now a hospital: the cases assigned to their organisation while the assignment lasts. A
-- hospital is assigned the cases staying with it (居所 = hospital), so it sees the inpatients it did
-- not report (Q&A 9).
CREATE OR REPLACE FUNCTION app_assigned_case_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(a.case_id), '{}') FROM case_assignments a
  WHERE (app_has_role('facility_staff') OR app_has_role('followup_staff')
         OR (app_org_kind() = 'medical_institution' AND (app_has_role('doctor') OR app_has_role('clerk'))))
    AND a.org_id = app_org_id() AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
$$;
--> statement-breakpoint

-- Who is responsible for a case, where and by whom it was reported, and who the person is never
-- change by an UPDATE from the application: a transfer goes through transfer_case() below. The
-- application may only keep the status columns current (and the version).
REVOKE UPDATE ON cases FROM hersys_app;
--> statement-breakpoint
GRANT UPDATE (current_status, status_effective_on, status_changed_at, last_observed_at, version) ON cases TO hersys_app;
--> statement-breakpoint

-- Moving responsibility (Q&A 4). The new row is outside the caller's scope once written, which the
-- cases policy would refuse, so the move is this one function: only the responsible centre's staff
-- may call it, only towards another health centre; the case follows that centre's prefecture. The
-- caller's scope is gone when it returns: RLS, the work list and the audit see the new centre at once.
CREATE FUNCTION transfer_case(p_case uuid, p_to uuid, p_version integer) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  target organizations%ROWTYPE;
  new_version integer;
BEGIN
  SELECT * INTO target FROM organizations WHERE id = p_to AND kind = 'health_center';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not a health centre' USING ERRCODE = 'foreign_key_violation';
  END IF;
  UPDATE cases SET responsible_hc_id = target.id, prefecture_id = target.prefecture_id, version = version + 1
  WHERE id = p_case AND responsible_hc_id = app_scope_hc() AND responsible_hc_id <> target.id AND version = p_version
  RETURNING version INTO new_version;
  RETURN new_version; -- NULL: not the caller's case, already there, or a stale version
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION transfer_case FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION transfer_case TO hersys_app;
--> statement-breakpoint

-- Related centres are added and removed by the responsible centre only. Assignments are given and
-- changed by health-centre staff who see the case; the organisation assigned may end its own
-- assignment (a facility discharging a resident) but never extend it.
DROP POLICY case_related_hcs_scope ON case_related_hcs;
--> statement-breakpoint
CREATE POLICY case_related_hcs_read ON case_related_hcs FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
CREATE POLICY case_related_hcs_add ON case_related_hcs FOR INSERT TO hersys_app
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.responsible_hc_id = (SELECT app_scope_hc())));
--> statement-breakpoint
CREATE POLICY case_related_hcs_remove ON case_related_hcs FOR DELETE TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.responsible_hc_id = (SELECT app_scope_hc())));
--> statement-breakpoint
GRANT DELETE ON case_related_hcs TO hersys_app;
--> statement-breakpoint
DROP POLICY case_assignments_scope ON case_assignments;
--> statement-breakpoint
CREATE POLICY case_assignments_read ON case_assignments FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
CREATE POLICY case_assignments_assign ON case_assignments FOR INSERT TO hersys_app
  WITH CHECK ((SELECT app_scope_hc()) IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
CREATE POLICY case_assignments_change ON case_assignments FOR UPDATE TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id) AND ((SELECT app_scope_hc()) IS NOT NULL OR org_id = (SELECT app_org_id())))
  WITH CHECK ((SELECT app_scope_hc()) IS NOT NULL OR (org_id = (SELECT app_org_id()) AND ends_at IS NOT NULL));
--> statement-breakpoint

-- Records of a case: visible and writable with the case.
GRANT SELECT, INSERT ON case_status_changes, clinical_course, health_observations, contact_exposures TO hersys_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON residences, admissions, case_alerts, contacts, processing_numbers TO hersys_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON case_external_ids TO hersys_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON case_transfers TO hersys_app;
--> statement-breakpoint
ALTER TABLE case_status_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_status_changes_scope ON case_status_changes TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE residences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY residences_scope ON residences TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE admissions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY admissions_scope ON admissions TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE clinical_course ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinical_course_scope ON clinical_course TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE health_observations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY health_observations_scope ON health_observations TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE case_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_alerts_scope ON case_alerts TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE processing_numbers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processing_numbers_scope ON processing_numbers TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE case_external_ids ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_external_ids_scope ON case_external_ids TO hersys_app USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint

-- A transfer is seen with the case, and by the two centres it names: the one that gave the case
-- away keeps the record of where it went (Q&A 4), without the case itself.
ALTER TABLE case_transfers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_transfers_read ON case_transfers FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)
         OR from_hc_id = (SELECT app_scope_hc()) OR to_hc_id = (SELECT app_scope_hc()));
--> statement-breakpoint
CREATE POLICY case_transfers_record ON case_transfers FOR INSERT TO hersys_app
  WITH CHECK (from_hc_id = (SELECT app_scope_hc()) AND changed_by = (SELECT app_user_id()));
--> statement-breakpoint

-- Contacts (濃厚接触者) are health-centre work: seen by the centre following them, the prefecture,
-- and the centres of a source case (through the exposures, seen with their source case) or of the
-- case the contact became. Facilities, follow-up centres and institutions never see them.
ALTER TABLE contact_exposures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY contact_exposures_scope ON contact_exposures TO hersys_app
  USING (((SELECT app_scope_hc()) IS NOT NULL OR (SELECT app_scope_prefecture()) IS NOT NULL)
         AND EXISTS (SELECT 1 FROM cases c WHERE c.id = source_case_id));
--> statement-breakpoint
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY contacts_scope ON contacts TO hersys_app
  USING (((SELECT app_scope_hc()) IS NOT NULL OR (SELECT app_scope_prefecture()) IS NOT NULL)
         AND (responsible_hc_id = (SELECT app_scope_hc())
              OR prefecture_id = (SELECT app_scope_prefecture())
              OR EXISTS (SELECT 1 FROM contact_exposures e WHERE e.contact_id = contacts.id)
              OR EXISTS (SELECT 1 FROM cases c WHERE c.id = became_case_id)));
--> statement-breakpoint
-- A contact's person is visible with the contact: a contact need not be a case.
DROP POLICY persons_read ON persons;
--> statement-breakpoint
CREATE POLICY persons_read ON persons FOR SELECT TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = persons.id)
         OR EXISTS (SELECT 1 FROM contacts ct WHERE ct.person_id = persons.id));
--> statement-breakpoint
DROP POLICY persons_update ON persons;
--> statement-breakpoint
CREATE POLICY persons_update ON persons FOR UPDATE TO hersys_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = persons.id)
         OR EXISTS (SELECT 1 FROM contacts ct WHERE ct.person_id = persons.id));
--> statement-breakpoint

-- The status history and the transfers are kept as written.
CREATE FUNCTION followup_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER case_status_changes_append_only BEFORE UPDATE OR DELETE ON case_status_changes
  FOR EACH ROW EXECUTE FUNCTION followup_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_transfers_append_only BEFORE UPDATE OR DELETE ON case_transfers
  FOR EACH ROW EXECUTE FUNCTION followup_history_refuse_change();
--> statement-breakpoint

-- Inpatients by prefecture and current severity, for the ministry (all prefectures) and a
-- prefecture's own staff: with the 医療 tab kept, no separate report is needed (Q&A 9). Counts
-- only: no case or person leaves this function. Severity is the newest clinical-course entry's.
CREATE FUNCTION inpatient_statistics() RETURNS TABLE (prefecture_id uuid, severity text, inpatients bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.prefecture_id, coalesce(k.severity, 'unknown'), count(*)
  FROM cases c
  LEFT JOIN LATERAL (SELECT cc.severity FROM clinical_course cc WHERE cc.case_id = c.id
                     ORDER BY cc.observed_on DESC, cc.changed_at DESC LIMIT 1) k ON TRUE
  WHERE c.current_status = 'hospitalized'
    AND (app_has_role('ministry_staff')
         OR ((app_has_role('prefecture_staff') OR app_has_role('coordination_hq')) AND c.prefecture_id = app_prefecture_id()))
  GROUP BY 1, 2
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION inpatient_statistics FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION inpatient_statistics TO hersys_app;
--> statement-breakpoint

-- The case list learns to find a case by an external ID (NESID, local; Q&A 10) and shows the status.
DROP FUNCTION search_cases;
--> statement-breakpoint
CREATE FUNCTION search_cases(
  p_case_number text, p_kana_like text, p_kana_similar text, p_similarity real, p_birth_date date,
  p_institution uuid, p_classification text, p_confirmed boolean, p_created_from date, p_created_to date,
  p_diagnosed_from date, p_diagnosed_to date, p_after_created_at timestamptz, p_after_id uuid, p_limit integer,
  p_external_system text, p_external_value text)
RETURNS TABLE (id uuid, case_number text, created_at timestamptz, name_kana text, sex text, birth_date date,
               institution_name_ja text, classification text, status text, confirmed_at timestamptz, diagnosed_on date,
               current_status text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET max_parallel_workers_per_gather = 0 -- starting workers costs more than these queries
-- The list is read from memory or SSD: at the default 4 (for spinning disks) the planner would
-- rather read 50,000 index entries than look 600 related cases' persons up by key.
SET random_page_cost = 1.1
AS $$
DECLARE
  hc uuid := app_scope_hc();
  inst uuid := app_scope_institution();
  pref uuid := app_scope_prefecture();
  ids uuid[] := app_related_case_ids() || app_assigned_case_ids();
  -- Cases carrying the external ID asked for (Q&A 10): few, found by index before any scope.
  external_ids uuid[] := CASE WHEN p_external_value IS NOT NULL THEN
    (SELECT coalesce(array_agg(x.case_id), '{}') FROM case_external_ids x
     WHERE x.system = p_external_system AND x.value = p_external_value) END;
  -- The current notification of a case: its newest, neither withdrawn nor superseded (追加登録).
  current_notification constant text := 'SELECT n.classification, n.status, n.confirmed_at, n.diagnosed_on FROM notifications n
    WHERE n.case_id = c.id AND n.status <> ''withdrawn'' AND n.superseded_at IS NULL ORDER BY n.created_at DESC LIMIT 1';
  filters text := '';
  branches text[] := '{}';
  head text;
  page text;
BEGIN
  -- Only the filters given become SQL, so the planner sees each search as it is.
  IF p_case_number IS NOT NULL THEN filters := filters || ' AND c.case_number = $1'; END IF;
  IF p_kana_like IS NOT NULL THEN filters := filters || ' AND p.name_kana_key LIKE $2'; END IF;
  IF p_kana_similar IS NOT NULL THEN filters := filters || ' AND similarity(p.name_kana_key, $3) >= $4'; END IF;
  IF p_birth_date IS NOT NULL THEN filters := filters || ' AND p.birth_date = $5'; END IF;
  IF p_institution IS NOT NULL THEN filters := filters || ' AND c.reporting_org_id = $6'; END IF;
  IF p_classification IS NOT NULL THEN filters := filters || ' AND n.classification = $7'; END IF;
  IF p_confirmed THEN filters := filters || ' AND n.confirmed_at IS NOT NULL'; END IF;
  IF NOT p_confirmed THEN filters := filters || ' AND n.status = ''submitted'' AND n.confirmed_at IS NULL'; END IF;
  IF p_created_from IS NOT NULL THEN filters := filters || ' AND c.created_at >= ($9 AT TIME ZONE ''Asia/Tokyo'')'; END IF;
  IF p_created_to IS NOT NULL THEN filters := filters || ' AND c.created_at < (($10 + 1) AT TIME ZONE ''Asia/Tokyo'')'; END IF;
  IF p_diagnosed_from IS NOT NULL THEN filters := filters || ' AND n.diagnosed_on >= $11'; END IF;
  IF p_diagnosed_to IS NOT NULL THEN filters := filters || ' AND n.diagnosed_on <= $12'; END IF;
  IF p_after_created_at IS NOT NULL THEN filters := filters || ' AND (c.created_at, c.id) < ($13, $14)'; END IF;
  IF external_ids IS NOT NULL THEN filters := filters || ' AND c.id = ANY ($20)'; END IF;

  -- The scope of cases_scope, one branch per kind the caller has ($16 hc, $17 institution, $18 prefecture, $19 ids).
  IF hc IS NOT NULL THEN branches := branches || 'c.responsible_hc_id = $16'::text; END IF;
  IF inst IS NOT NULL THEN
    branches := branches || 'c.reporting_org_id = $17 AND (c.responsible_hc_id = $16) IS NOT TRUE'::text;
  END IF;
  IF pref IS NOT NULL THEN
    branches := branches || 'c.prefecture_id = $18 AND (c.responsible_hc_id = $16) IS NOT TRUE AND (c.reporting_org_id = $17) IS NOT TRUE'::text;
  END IF;
  IF cardinality(ids) > 0 THEN
    branches := branches || 'c.id = ANY ($19) AND (c.responsible_hc_id = $16) IS NOT TRUE AND (c.reporting_org_id = $17) IS NOT TRUE
                             AND (c.prefecture_id = $18) IS NOT TRUE'::text;
  END IF;
  IF cardinality(branches) = 0 THEN RETURN; END IF;

  -- A branch finds the page's cases, joining persons and the current notification only when a
  -- filter needs them; the page itself is then read for at most limit rows per branch.
  head := 'SELECT c.id, c.created_at FROM cases c'
    || CASE WHEN p_kana_like IS NOT NULL OR p_kana_similar IS NOT NULL OR p_birth_date IS NOT NULL
            THEN ' JOIN persons p ON p.id = c.person_id' ELSE '' END
    || CASE WHEN p_classification IS NOT NULL OR p_confirmed IS NOT NULL OR p_diagnosed_from IS NOT NULL OR p_diagnosed_to IS NOT NULL
            THEN ' JOIN LATERAL (' || current_notification || ') n ON TRUE' ELSE '' END
    || ' WHERE ';
  SELECT string_agg('(' || head || b || filters || ' ORDER BY c.created_at DESC, c.id DESC LIMIT $15)', ' UNION ALL ')
    INTO page FROM unnest(branches) b;
  RETURN QUERY EXECUTE
    'SELECT c.id, c.case_number, c.created_at, p.name_kana, p.sex, p.birth_date, o.name_ja,
            n.classification, n.status, n.confirmed_at, n.diagnosed_on, c.current_status
     FROM (' || page || ') page
     JOIN cases c ON c.id = page.id
     JOIN persons p ON p.id = c.person_id
     LEFT JOIN organizations o ON o.id = c.reporting_org_id
     LEFT JOIN LATERAL (' || current_notification || ') n ON TRUE
     ORDER BY page.created_at DESC, page.id DESC LIMIT $15'
    USING p_case_number, p_kana_like, p_kana_similar, p_similarity, p_birth_date, p_institution, p_classification,
          p_confirmed, p_created_from, p_created_to, p_diagnosed_from, p_diagnosed_to, p_after_created_at, p_after_id,
          p_limit, hc, inst, pref, ids, external_ids;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION search_cases FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_cases TO hersys_app;
