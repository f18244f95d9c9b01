-- Issue 13, publication: open data frozen per publication date. A publication's files are written
-- once (gzip-compressed CSV) and never changed; a later publication that gives another number for
-- a day already published lists it in publication_revisions. Public data: the app may read it all,
-- and writes none of it (the publishing job runs as the owner).
CREATE TABLE publications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  published_on date NOT NULL UNIQUE,
  covers_from date NOT NULL,
  covers_to date NOT NULL,
  threshold integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE publication_files (
  publication_id uuid NOT NULL REFERENCES publications(id),
  file_id text NOT NULL,
  csv_gzip bytea NOT NULL,
  sha256 text NOT NULL,
  rows integer NOT NULL,
  PRIMARY KEY (publication_id, file_id)
);
--> statement-breakpoint
CREATE TABLE publication_revisions (
  publication_id uuid NOT NULL REFERENCES publications(id),
  file_id text NOT NULL,
  row_key text NOT NULL,
  column_name text NOT NULL,
  previous text NOT NULL,
  value text NOT NULL,
  PRIMARY KEY (publication_id, file_id, row_key, column_name)
);
--> statement-breakpoint
-- Frozen: nobody, the owner included, changes a published file.
CREATE FUNCTION publication_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published open data is frozen; publish again to revise' USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER publication_files_frozen BEFORE UPDATE OR DELETE ON publication_files FOR EACH ROW EXECUTE FUNCTION publication_frozen();
--> statement-breakpoint
GRANT SELECT ON publications, publication_files, publication_revisions TO hersys_app;
