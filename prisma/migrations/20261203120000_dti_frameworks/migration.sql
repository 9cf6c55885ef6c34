-- The digital-transformation index (DTI) as versioned data, provinces' self-assessments as report
-- requests (server/dti/), and rows of a request asked of one recipient only (RequestRowRoute).
CREATE TYPE "DtiValueKind" AS ENUM ('RATIO', 'YES_NO', 'COUNT', 'LEVEL', 'SURVEY', 'OTHER');
CREATE TYPE "DtiAnswerSource" AS ENUM ('PROVINCE', 'MINISTRY', 'SURVEY', 'UNKNOWN');
CREATE TYPE "DtiScoring" AS ENUM ('PROPORTIONAL', 'YES_NO', 'CLAIMED', 'NOT_SCORED');

CREATE TABLE "RequestRowRoute" (
    "requestId" TEXT NOT NULL,
    "tableKey" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,

    CONSTRAINT "RequestRowRoute_pkey" PRIMARY KEY ("requestId", "tableKey", "rowKey")
);
CREATE INDEX "RequestRowRoute_requestId_orgId_idx" ON "RequestRowRoute"("requestId", "orgId");
ALTER TABLE "RequestRowRoute" ADD CONSTRAINT "RequestRowRoute_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RequestRowRoute" ADD CONSTRAINT "RequestRowRoute_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "DtiFramework" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "decisionNumber" TEXT NOT NULL,
    "issuedOn" DATE NOT NULL,
    "issuer" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "level" "AdminLevel" NOT NULL,
    "maxPoints" DOUBLE PRECISION,
    "componentCount" INTEGER,
    "indexScale" TEXT,
    "scoringRule" TEXT,
    "sources" JSONB NOT NULL,
    "notes" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DtiFramework_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DtiFramework_code_key" ON "DtiFramework"("code");

CREATE TABLE "DtiMainIndicator" (
    "id" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "groupCode" TEXT,
    "groupName" TEXT,
    "maxPoints" DOUBLE PRECISION,
    "componentCount" INTEGER,
    "scored" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL,
    "source" JSONB NOT NULL,

    CONSTRAINT "DtiMainIndicator_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DtiMainIndicator_frameworkId_code_key" ON "DtiMainIndicator"("frameworkId", "code");
ALTER TABLE "DtiMainIndicator" ADD CONSTRAINT "DtiMainIndicator_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "DtiFramework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "DtiComponent" (
    "id" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "mainIndicatorId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "maxPoints" DOUBLE PRECISION,
    "measure" TEXT,
    "valueKind" "DtiValueKind" NOT NULL,
    "scoring" "DtiScoring" NOT NULL,
    "evidence" TEXT,
    "answeredBy" "DtiAnswerSource" NOT NULL,
    "usualOwner" TEXT,
    "sortOrder" INTEGER NOT NULL,
    "source" JSONB NOT NULL,

    CONSTRAINT "DtiComponent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DtiComponent_frameworkId_code_key" ON "DtiComponent"("frameworkId", "code");
ALTER TABLE "DtiComponent" ADD CONSTRAINT "DtiComponent_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "DtiFramework"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DtiComponent" ADD CONSTRAINT "DtiComponent_mainIndicatorId_fkey" FOREIGN KEY ("mainIndicatorId") REFERENCES "DtiMainIndicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "DtiComponentOwner" (
    "id" TEXT NOT NULL,
    "consolidatorOrgId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "DtiComponentOwner_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DtiComponentOwner_consolidatorOrgId_componentId_key" ON "DtiComponentOwner"("consolidatorOrgId", "componentId");
ALTER TABLE "DtiComponentOwner" ADD CONSTRAINT "DtiComponentOwner_consolidatorOrgId_fkey" FOREIGN KEY ("consolidatorOrgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DtiComponentOwner" ADD CONSTRAINT "DtiComponentOwner_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "DtiComponent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DtiComponentOwner" ADD CONSTRAINT "DtiComponentOwner_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "DtiAssessment" (
    "id" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "provinceOrgId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DtiAssessment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DtiAssessment_requestId_key" ON "DtiAssessment"("requestId");
CREATE UNIQUE INDEX "DtiAssessment_provinceOrgId_year_key" ON "DtiAssessment"("provinceOrgId", "year");
ALTER TABLE "DtiAssessment" ADD CONSTRAINT "DtiAssessment_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "DtiFramework"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DtiAssessment" ADD CONSTRAINT "DtiAssessment_provinceOrgId_fkey" FOREIGN KEY ("provinceOrgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DtiAssessment" ADD CONSTRAINT "DtiAssessment_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
