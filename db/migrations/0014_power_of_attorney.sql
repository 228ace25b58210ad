-- Power of attorney (brukerstyrt fullmakt): an access package for persons that a person may give another person for
-- an area (tax, health, NAV, post), with an end date. Such a package is granted by no role; the giver is the person
-- itself, so it is flagged here rather than marked `delegable` (which stays the administrators' flag).
ALTER TABLE "roles"."access_packages" ADD COLUMN "power_of_attorney" boolean DEFAULT false NOT NULL;
