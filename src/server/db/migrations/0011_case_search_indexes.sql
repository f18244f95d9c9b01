CREATE INDEX "cases_responsible_created_person_idx" ON "cases" USING btree ("responsible_hc_id","created_at","id","person_id");--> statement-breakpoint
CREATE INDEX "cases_reporting_created_idx" ON "cases" USING btree ("reporting_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_prefecture_created_idx" ON "cases" USING btree ("prefecture_id","created_at","id");--> statement-breakpoint
CREATE INDEX "persons_kana_key_idx" ON "persons" USING btree ("name_kana_key" text_pattern_ops,"id");