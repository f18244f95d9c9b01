-- The case list shows each case's disease and finds the cases of one (issue 16 follow-up): health-centre
-- staff follow cases of many diseases. search_cases as 0015 defined it, with the disease returned and
-- an optional filter (NULL: every disease), added last with a default so that a call of the earlier
-- form still works. Scope, security settings, grants and the scope indexes are unchanged.
DROP FUNCTION search_cases;
--> statement-breakpoint
CREATE FUNCTION search_cases(
  p_case_number text, p_kana_like text, p_kana_similar text, p_similarity real, p_birth_date date,
  p_institution uuid, p_classification text, p_confirmed boolean, p_created_from date, p_created_to date,
  p_diagnosed_from date, p_diagnosed_to date, p_after_created_at timestamptz, p_after_id uuid, p_limit integer,
  p_external_system text, p_external_value text, p_disease text DEFAULT NULL)
RETURNS TABLE (id uuid, case_number text, created_at timestamptz, name_kana text, sex text, birth_date date,
               institution_name_ja text, classification text, status text, confirmed_at timestamptz, diagnosed_on date,
               current_status text, disease text)
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
  IF p_disease IS NOT NULL THEN filters := filters || ' AND c.disease = $21'; END IF;

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
            n.classification, n.status, n.confirmed_at, n.diagnosed_on, c.current_status, c.disease
     FROM (' || page || ') page
     JOIN cases c ON c.id = page.id
     JOIN persons p ON p.id = c.person_id
     LEFT JOIN organizations o ON o.id = c.reporting_org_id
     LEFT JOIN LATERAL (' || current_notification || ') n ON TRUE
     ORDER BY page.created_at DESC, page.id DESC LIMIT $15'
    USING p_case_number, p_kana_like, p_kana_similar, p_similarity, p_birth_date, p_institution, p_classification,
          p_confirmed, p_created_from, p_created_to, p_diagnosed_from, p_diagnosed_to, p_after_created_at, p_after_id,
          p_limit, hc, inst, pref, ids, external_ids, p_disease;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION search_cases FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_cases TO hersys_app;
--> statement-breakpoint
-- The cases of one disease, newest first. The filter is one more condition of each scope branch; a
-- common disease (COVID-19) is found on the branch's own index as before, but a rare one (ebola,
-- measles) would read the whole scope to fill a page. With this index the planner reads the
-- disease's cases newest first and keeps those in scope, or ANDs the two indexes, whichever is cheaper.
CREATE INDEX "cases_disease_created_idx" ON "cases" USING btree ("disease", "created_at", "id");
