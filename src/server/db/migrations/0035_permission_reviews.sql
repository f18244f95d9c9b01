-- Permission reviews (権限の棚卸し, issue 14; seed 000: keep and review who can see personal data).
-- A campaign per organisation, opened by the job every `permission_review_months` (quarterly by
-- default, set by the issuing organisation); it lists every ID active at opening with its roles,
-- last login and the case records it opened in the period (a count from the audit log). The
-- organisation's administrator (or that of the organisation issuing its IDs) decides each ID once:
-- confirmed, roles revoked, or suspended. Overdue campaigns escalate to the issuing organisation.
ALTER TABLE organizations ADD COLUMN permission_review_months integer NOT NULL DEFAULT 3
  CONSTRAINT organizations_permission_review_months_check CHECK (permission_review_months BETWEEN 1 AND 12);
--> statement-breakpoint
-- The organisations_edit policy (0002) already limits updates to the organisations one issues for.
GRANT UPDATE (permission_review_months) ON organizations TO hersys_app;
--> statement-breakpoint
CREATE TABLE permission_review_campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id),
  period_start timestamptz NOT NULL,
  opened_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  completed_at timestamptz,
  escalated_at timestamptz,
  escalated_to uuid REFERENCES organizations (id),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT permission_review_campaigns_dates_check CHECK (period_start <= opened_at AND opened_at < due_at),
  CONSTRAINT permission_review_campaigns_completed_check CHECK (completed_at IS NULL OR completed_at >= opened_at)
);
--> statement-breakpoint
-- One open campaign per organisation: two job runs at once open it once (ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX permission_review_campaigns_open_key ON permission_review_campaigns (org_id) WHERE completed_at IS NULL;
--> statement-breakpoint
CREATE INDEX permission_review_campaigns_org_idx ON permission_review_campaigns (org_id, opened_at);
--> statement-breakpoint
CREATE INDEX permission_review_campaigns_escalated_idx ON permission_review_campaigns (escalated_to) WHERE escalated_to IS NOT NULL;
--> statement-breakpoint
CREATE TABLE permission_review_items (
  campaign_id uuid NOT NULL REFERENCES permission_review_campaigns (id),
  user_id uuid NOT NULL REFERENCES users (id),
  roles text[] NOT NULL,
  last_login_at timestamptz,
  cases_opened integer NOT NULL CHECK (cases_opened >= 0),
  decision text CONSTRAINT permission_review_items_decision_check CHECK (decision IN ('confirmed', 'roles_revoked', 'suspended')),
  roles_kept text[],
  reason text CHECK (reason IS NULL OR length(reason) <= 200),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (campaign_id, user_id),
  CONSTRAINT permission_review_items_decided_check CHECK (
    (decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL)
    AND (decision = 'roles_revoked') = (roles_kept IS NOT NULL AND cardinality(roles_kept) > 0))
);
--> statement-breakpoint
CREATE INDEX permission_review_items_user_idx ON permission_review_items (user_id);
--> statement-breakpoint

-- Row-level security. An administrator sees the campaigns of its own organisation and of those it
-- issues IDs for (so the issuing organisation sees its children's status and decides when asked);
-- a privacy officer reads those of its tree for the compliance report. Only the job (the owner)
-- opens campaigns and escalates them.
GRANT SELECT, UPDATE (completed_at, version) ON permission_review_campaigns TO hersys_app;
--> statement-breakpoint
ALTER TABLE permission_review_campaigns ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY permission_review_campaigns_read ON permission_review_campaigns FOR SELECT TO hersys_app
  USING (org_id = ANY ((SELECT app_issued_org_ids())::uuid[]) OR org_id = ANY ((SELECT app_review_org_ids())::uuid[]));
--> statement-breakpoint
-- Completing is the administrator's last decision's doing, in its transaction.
CREATE POLICY permission_review_campaigns_complete ON permission_review_campaigns FOR UPDATE TO hersys_app
  USING (completed_at IS NULL AND org_id = ANY ((SELECT app_issued_org_ids())::uuid[]))
  WITH CHECK (completed_at IS NOT NULL AND org_id = ANY ((SELECT app_issued_org_ids())::uuid[]));
--> statement-breakpoint
GRANT SELECT, UPDATE (decision, roles_kept, reason, decided_by, decided_at, version) ON permission_review_items TO hersys_app;
--> statement-breakpoint
ALTER TABLE permission_review_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY permission_review_items_read ON permission_review_items FOR SELECT TO hersys_app
  USING (campaign_id IN (SELECT id FROM permission_review_campaigns));
--> statement-breakpoint
-- A decision is made once, in an open campaign the actor administers, by the actor, never on itself.
CREATE POLICY permission_review_items_decide ON permission_review_items FOR UPDATE TO hersys_app
  USING (decision IS NULL AND user_id <> (SELECT app_user_id())
         AND campaign_id IN (SELECT id FROM permission_review_campaigns
                             WHERE completed_at IS NULL AND org_id = ANY ((SELECT app_issued_org_ids())::uuid[])))
  WITH CHECK (decision IS NOT NULL AND decided_by = (SELECT app_user_id()) AND user_id <> (SELECT app_user_id()));
