-- The transmission chain of a case (濃厚接触者, issue 4): sources and contacts over several
-- generations. A chain crosses health centres, so the walk cannot run under the caller's row-level
-- security without stopping at the first case of another centre. This function walks the links
-- themselves — which case exposed which contact, which contact became which case, the setting and
-- the last contact date — and returns no identity at all; the service then shows identity only for
-- the nodes the caller sees under RLS, and a masked node for the rest.

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
-- follow contacts): each generation follows, from the cases reached so far, their exposures forward
-- (to the contact, and the case it became) and the contact record they came from backward (to its
-- source cases). At most p_limit links: ask for one more than you show to know the walk stopped early.
CREATE FUNCTION transmission_chain(p_case uuid, p_generations integer, p_limit integer)
RETURNS TABLE (exposure_id uuid, source_case_id uuid, contact_id uuid, became_case_id uuid, setting text,
               last_contact_on date, generation integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  frontier uuid[] := ARRAY[p_case];
  next_frontier uuid[];
  seen uuid[] := ARRAY[p_case];
  taken uuid[] := '{}';
  link record;
BEGIN
  IF (app_scope_hc() IS NULL AND app_scope_prefecture() IS NULL) OR NOT app_sees_case(p_case) THEN
    RETURN;
  END IF;
  FOR g IN 1 .. least(p_generations, 10) LOOP
    EXIT WHEN cardinality(frontier) = 0;
    next_frontier := '{}';
    FOR link IN
      SELECT e.id, e.source_case_id AS source, e.contact_id AS contact, ct.became_case_id AS became, e.setting AS place, e.last_contact_on AS last_on
      FROM contact_exposures e JOIN contacts ct ON ct.id = e.contact_id
      WHERE e.source_case_id = ANY (frontier) OR ct.became_case_id = ANY (frontier)
      ORDER BY e.last_contact_on, e.id
    LOOP
      CONTINUE WHEN link.id = ANY (taken);
      IF cardinality(taken) >= p_limit THEN RETURN; END IF;
      taken := taken || link.id;
      exposure_id := link.id; source_case_id := link.source; contact_id := link.contact; became_case_id := link.became;
      setting := link.place; last_contact_on := link.last_on; generation := g;
      RETURN NEXT;
      -- The cases this link reaches that the walk has not been to yet are the next generation.
      IF NOT link.source = ANY (seen) THEN
        seen := seen || link.source; next_frontier := next_frontier || link.source;
      END IF;
      IF link.became IS NOT NULL AND NOT link.became = ANY (seen) THEN
        seen := seen || link.became; next_frontier := next_frontier || link.became;
      END IF;
    END LOOP;
    frontier := next_frontier;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION transmission_chain FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION transmission_chain TO hersys_app;
