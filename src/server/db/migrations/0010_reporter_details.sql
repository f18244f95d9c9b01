ALTER TABLE "notifications" ADD COLUMN "reporter_institution_name" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reporter_address" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reporter_phone" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "phone" text;--> statement-breakpoint
-- Administrators keep the address and phone of the organisations they issue for up to date.
GRANT UPDATE (address, phone) ON organizations TO hersys_app;
