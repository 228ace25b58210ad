-- The catalogue's version: one row, bumped by a statement trigger on every change to the catalogue tables the
-- decision point keeps in memory (roles, access packages, the roles granting them, the packages' resources, resources,
-- policy rules). Each process reads the version with its facts (no extra statement) and reloads the catalogue when it
-- moved. The bump is transactional: a change and its new version become visible together at commit, and concurrent
-- writers queue on the row, so the version only grows.
CREATE TABLE "roles"."catalogue_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "catalogue_version_one_row" CHECK ("roles"."catalogue_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "roles"."catalogue_version" ("id", "version") VALUES (1, 1);
--> statement-breakpoint
CREATE FUNCTION roles.bump_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE roles.catalogue_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "roles"."roles"
  FOR EACH STATEMENT EXECUTE FUNCTION roles.bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "roles"."access_packages"
  FOR EACH STATEMENT EXECUTE FUNCTION roles.bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "roles"."package_roles"
  FOR EACH STATEMENT EXECUTE FUNCTION roles.bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "roles"."package_resources"
  FOR EACH STATEMENT EXECUTE FUNCTION roles.bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "roles"."resources"
  FOR EACH STATEMENT EXECUTE FUNCTION roles.bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "roles"."policy_rules"
  FOR EACH STATEMENT EXECUTE FUNCTION roles.bump_catalogue_version();
