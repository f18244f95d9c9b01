DROP INDEX "cases_responsible_hc_idx";--> statement-breakpoint
DROP INDEX "cases_reporting_org_idx";--> statement-breakpoint
DROP INDEX "cases_prefecture_idx";--> statement-breakpoint
DROP INDEX "cases_responsible_created_idx";--> statement-breakpoint
-- SECURITY DEFINER functions look names up in search_path, where pg_temp comes first unless it is
-- named: a session able to run SQL could create a temporary case_related_hcs and widen its scope.
-- Every such function now looks in public first and in pg_temp last.
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.prosecdef LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = public, pg_temp', f);
  END LOOP;
END $$;
