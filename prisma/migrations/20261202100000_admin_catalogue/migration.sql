-- The national catalogue of administrative units (server/orgs/catalogue.ts): each committee's
-- org carries its unit's official code and type; in-place changes of a later catalogue version
-- are kept as history; the versions loaded are recorded so loading again changes nothing.
CREATE TYPE "AdminUnitType" AS ENUM ('TINH', 'THANH_PHO', 'XA', 'PHUONG', 'DAC_KHU');

ALTER TABLE "Org" ADD COLUMN "adminCode" TEXT;
ALTER TABLE "Org" ADD COLUMN "unitType" "AdminUnitType";

CREATE TABLE "OrgChange" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "basis" TEXT,

    CONSTRAINT "OrgChange_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CatalogueVersion" (
    "version" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "sourceCommit" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "loadedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueVersion_pkey" PRIMARY KEY ("version")
);

CREATE INDEX "Org_adminCode_idx" ON "Org"("adminCode");

CREATE UNIQUE INDEX "OrgChange_orgId_effectiveOn_field_key" ON "OrgChange"("orgId", "effectiveOn", "field");

ALTER TABLE "OrgChange" ADD CONSTRAINT "OrgChange_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;
