-- The transmission chain of a case (濃厚接触者, issue 4): sources and contacts over several
-- generations. A chain crosses health centres, so a walk under the caller's row-level security
-- would stop at the first case of another centre and hide that the chain goes on. This function
-- walks the links themselves — which case exposed which contact, which contact became which case,
-- the setting and the last contact date — and returns no identity at all; the service shows
-- identity only for the nodes the caller sees under RLS, and an anonymous node for the rest.

-- Whether the caller may see a case: exactly the cases_scope policy (migration 0001), for functions
-- that run as the owner and must apply it themselves.
CREATE FUNCTION app_sees_case(p_case uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case AND (
    c.responsible_hc_id = app_scope_hc()
    OR c.reporting_org_id = app_scope_institution()
    OR c.prefecture_id = app_scope_prefecture()
    OR c.id = ANY (app_related_case_ids())
    OR c.id = ANY (app_assigned_case_ids())))
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_sees_case FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_sees_case TO hersys_app;
--> statement-breakpoint

-- Breadth-first from a case the caller sees (and only for health-centre or prefecture staff, who
-- follow contacts), each way on its own: down from the case through its exposures to each contact
-- (and the case it became, which goes on down), and up through the contact record the case came
-- from to its source cases (which go on up). Generations are signed: negative towards the sources.
-- At most p_limit links: ask for one more than you show to know the walk stopped early.
CREATE FUNCTION transmission_chain(p_case uuid, p_generations integer, p_limit integer)
RETURNS TABLE (exposure_id uuid, source_case_id uuid, contact_id uuid, became_case_id uuid, setting text,
               last_contact_on date, generation integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  down_from uuid[] := ARRAY[p_case];
  up_from uuid[] := ARRAY[p_case];
  next_down uuid[];
  next_up uuid[];
  seen uuid[] := ARRAY[p_case];
  taken integer := 0;
  link record;
BEGIN
  IF (app_scope_hc() IS NULL AND app_scope_prefecture() IS NULL) OR NOT app_sees_case(p_case) THEN
    RETURN;
  END IF;
  FOR g IN 1 .. least(p_generations, 10) LOOP
    EXIT WHEN cardinality(down_from) = 0 AND cardinality(up_from) = 0;
    next_down := '{}';
    next_up := '{}';
    FOR link IN
      SELECT true AS down, e.id, e.source_case_id AS source, e.contact_id AS contact, ct.became_case_id AS became,
             e.setting AS place, e.last_contact_on AS last_on
      FROM contact_exposures e JOIN contacts ct ON ct.id = e.contact_id
      WHERE e.source_case_id = ANY (down_from)
      UNION ALL
      SELECT false, e.id, e.source_case_id, e.contact_id, ct.became_case_id, e.setting, e.last_contact_on
      FROM contacts ct JOIN contact_exposures e ON e.contact_id = ct.id
      WHERE ct.became_case_id = ANY (up_from)
      ORDER BY 1 DESC, 7, 2
    LOOP
      IF taken >= p_limit THEN RETURN; END IF;
      taken := taken + 1;
      exposure_id := link.id; source_case_id := link.source; contact_id := link.contact; became_case_id := link.became;
      setting := link.place; last_contact_on := link.last_on; generation := CASE WHEN link.down THEN g ELSE -g END;
      RETURN NEXT;
      -- A case reached for the first time is walked on, the same way, in the next generation.
      IF link.down AND link.became IS NOT NULL AND NOT link.became = ANY (seen) THEN
        seen := seen || link.became; next_down := next_down || link.became;
      ELSIF NOT link.down AND NOT link.source = ANY (seen) THEN
        seen := seen || link.source; next_up := next_up || link.source;
      END IF;
    END LOOP;
    down_from := next_down;
    up_from := next_up;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION transmission_chain FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION transmission_chain TO hersys_app;
