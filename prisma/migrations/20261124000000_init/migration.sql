-- Extensions: trigram indexes for diacritic-insensitive search (PGlite loads pg_trgm too).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('GOVERNMENT', 'MINISTRY', 'PEOPLES_COMMITTEE', 'PEOPLES_COUNCIL', 'PARTY_COMMITTEE', 'STEERING_COMMITTEE', 'DEPARTMENT', 'AGENCY', 'PRESS', 'MASS_ORGANIZATION', 'ENTERPRISE', 'ASSOCIATION', 'UNIVERSITY', 'OTHER');

-- CreateEnum
CREATE TYPE "AdminLevel" AS ENUM ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE');

-- CreateEnum
CREATE TYPE "SuccessionKind" AS ENUM ('MERGE', 'SPLIT', 'RENAME', 'ABSORB', 'TRANSFER');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('PLAN', 'DECISION', 'RESOLUTION', 'DECREE', 'CIRCULAR', 'LAW', 'DIRECTIVE', 'CONCLUSION', 'OFFICIAL_LETTER', 'SUBMISSION', 'REPORT', 'PROGRAM', 'OTHER');

-- CreateEnum
CREATE TYPE "PlanKind" AS ENUM ('STRATEGY', 'PILOT', 'EVENT', 'STUDY_TOUR', 'INTERIM_REVIEW', 'FINAL_REVIEW', 'ANNUAL', 'OTHER');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('DRAFT', 'ISSUED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ReferenceKind" AS ENUM ('BASIS', 'IMPLEMENTS', 'REVIEWS', 'AMENDS', 'SUPERSEDES', 'ATTACHMENT_OF', 'MENTIONS');

-- CreateEnum
CREATE TYPE "TargetUnit" AS ENUM ('PERCENT', 'COUNT', 'MONEY', 'RANK', 'BOOLEAN', 'TEXT');

-- CreateEnum
CREATE TYPE "Comparator" AS ENUM ('AT_LEAST', 'MORE_THAN', 'AT_MOST', 'LESS_THAN', 'EQUAL', 'TOP_N', 'RANGE');

-- CreateEnum
CREATE TYPE "Pillar" AS ENUM ('FOUNDATION', 'DIGITAL_GOVERNMENT', 'DIGITAL_ECONOMY', 'DIGITAL_SOCIETY', 'DTI');

-- CreateEnum
CREATE TYPE "MeasurementSource" AS ENUM ('REPORT', 'MANUAL', 'IMPORT');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('LEAD', 'COORDINATING');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('STUDY_TOUR', 'CONFERENCE', 'WORKSHOP', 'EXHIBITION', 'CONTEST', 'MEETING', 'CAMPAIGN', 'OTHER');

-- CreateEnum
CREATE TYPE "TemplateStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "ColumnType" AS ENUM ('TEXT', 'LONG_TEXT', 'INTEGER', 'DECIMAL', 'PERCENT', 'MONEY', 'DATE', 'BOOLEAN', 'CHOICE');

-- CreateEnum
CREATE TYPE "Aggregate" AS ENUM ('SUM', 'AVERAGE', 'MIN', 'MAX', 'COUNT', 'LIST', 'NONE');

-- CreateEnum
CREATE TYPE "RowMode" AS ENUM ('FIXED', 'TASKS', 'TARGETS', 'OPEN');

-- CreateEnum
CREATE TYPE "PeriodKind" AS ENUM ('MONTH', 'QUARTER', 'HALF_YEAR', 'NINE_MONTHS', 'YEAR', 'AD_HOC');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('PERIODIC', 'THEMATIC', 'AD_HOC');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'CONSOLIDATOR', 'REPORTER', 'ANALYST');

-- CreateEnum
CREATE TYPE "TokenKind" AS ENUM ('SESSION', 'API');

-- CreateTable
CREATE TABLE "Org" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "aliases" TEXT[] NOT NULL DEFAULT ARRAY[]::text[],
    "kind" "OrgKind" NOT NULL,
    "level" "AdminLevel",
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "validFrom" DATE,
    "validTo" DATE,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "searchText" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "Org_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgSuccession" (
    "id" TEXT NOT NULL,
    "predecessorId" TEXT NOT NULL,
    "successorId" TEXT NOT NULL,
    "kind" "SuccessionKind" NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "basis" TEXT,
    "note" TEXT,

    CONSTRAINT "OrgSuccession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "number" TEXT,
    "kind" "DocumentKind" NOT NULL,
    "planKind" "PlanKind",
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "issuedOn" DATE,
    "place" TEXT,
    "issuerId" TEXT,
    "issuerName" TEXT,
    "signerName" TEXT,
    "signerTitle" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'ISSUED'::"DocumentStatus",
    "periodStart" INTEGER,
    "periodEnd" INTEGER,
    "visionYear" INTEGER,
    "statedBudgetTotal" BIGINT,
    "statedBudgetTotalInWords" TEXT,
    "budgetNote" TEXT,
    "source" TEXT,
    "sourceText" TEXT,
    "searchText" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentReference" (
    "id" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "kind" "ReferenceKind" NOT NULL,
    "note" TEXT,

    CONSTRAINT "DocumentReference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanSection" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "parentId" TEXT,
    "number" TEXT,
    "heading" TEXT NOT NULL,
    "body" TEXT,
    "sortOrder" INTEGER NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PlanSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentDeadline" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "text" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DocumentDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "sectionId" TEXT,
    "code" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "unit" "TargetUnit" NOT NULL,
    "comparator" "Comparator" NOT NULL,
    "value" DOUBLE PRECISION,
    "valueMax" DOUBLE PRECISION,
    "textValue" TEXT,
    "targetYear" INTEGER,
    "level" "AdminLevel",
    "pillar" "Pillar",
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetOrg" (
    "targetId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,

    CONSTRAINT "TargetOrg_pkey" PRIMARY KEY ("targetId","orgId")
);

-- CreateTable
CREATE TABLE "TargetMeasurement" (
    "id" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "orgId" TEXT,
    "value" DOUBLE PRECISION,
    "textValue" TEXT,
    "measuredOn" DATE NOT NULL,
    "periodLabel" TEXT,
    "source" "MeasurementSource" NOT NULL,
    "submissionId" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetMeasurement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "sectionId" TEXT,
    "code" TEXT NOT NULL,
    "groupCode" TEXT,
    "groupTitle" TEXT,
    "title" TEXT NOT NULL,
    "leadName" TEXT,
    "leadOrgId" TEXT,
    "startDate" DATE,
    "dueDate" DATE,
    "deadlineText" TEXT,
    "budget" BIGINT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskAssignment" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "orgId" TEXT,
    "groupKind" "OrgKind",
    "groupLevel" "AdminLevel",
    "groupWithinId" TEXT,
    "nameAsWritten" TEXT,

    CONSTRAINT "TaskAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "activityId" TEXT,
    "code" TEXT,
    "description" TEXT NOT NULL,
    "factors" JSONB NOT NULL DEFAULT '[]'::jsonb,
    "unitPrice" BIGINT,
    "unitPriceUnit" TEXT,
    "amount" BIGINT NOT NULL,
    "fundingSource" TEXT,
    "note" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "theme" TEXT,
    "startDate" DATE,
    "endDate" DATE,
    "location" TEXT,
    "expectedParticipants" INTEGER,
    "statedHeadcount" INTEGER,
    "note" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleItem" (
    "id" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "date" DATE,
    "weekdayText" TEXT,
    "startTime" TEXT,
    "endTime" TEXT,
    "description" TEXT NOT NULL,
    "location" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScheduleItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "orgId" TEXT,
    "orgName" TEXT NOT NULL,
    "personName" TEXT,
    "role" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "note" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportTemplate" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "TemplateStatus" NOT NULL DEFAULT 'DRAFT'::"TemplateStatus",
    "publishedAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "documentId" TEXT,
    "description" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateAudience" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "kind" "OrgKind",
    "level" "AdminLevel",

    CONSTRAINT "TemplateAudience_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateSection" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "parentId" TEXT,
    "key" TEXT NOT NULL,
    "number" TEXT,
    "heading" TEXT NOT NULL,
    "guidance" TEXT,
    "answerable" BOOLEAN NOT NULL DEFAULT true,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TemplateSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateSectionAudience" (
    "id" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "orgId" TEXT,
    "groupKind" "OrgKind",
    "groupLevel" "AdminLevel",

    CONSTRAINT "TemplateSectionAudience_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateTable" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "rowMode" "RowMode" NOT NULL,
    "allowOpenRows" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "TemplateTable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateColumn" (
    "id" TEXT NOT NULL,
    "tableId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "ColumnType" NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "options" JSONB,
    "aggregate" "Aggregate" NOT NULL DEFAULT 'NONE'::"Aggregate",
    "binding" TEXT,
    "targetId" TEXT,
    "width" INTEGER,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "TemplateColumn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateRow" (
    "id" TEXT NOT NULL,
    "tableId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "groupKey" TEXT,
    "label" TEXT NOT NULL,
    "isGroup" BOOLEAN NOT NULL DEFAULT false,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "values" JSONB,
    "taskId" TEXT,
    "targetId" TEXT,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "TemplateRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" TEXT NOT NULL,
    "kind" "PeriodKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL DEFAULT 0,
    "label" TEXT NOT NULL,
    "start" DATE NOT NULL,
    "end" DATE NOT NULL,
    "cutoffStart" DATE NOT NULL,
    "cutoffEnd" DATE NOT NULL,

    CONSTRAINT "ReportingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportRequest" (
    "id" TEXT NOT NULL,
    "key" TEXT,
    "templateId" TEXT NOT NULL,
    "planId" TEXT,
    "periodId" TEXT NOT NULL,
    "kind" "ReportKind" NOT NULL DEFAULT 'PERIODIC'::"ReportKind",
    "title" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'OPEN'::"RequestStatus",
    "consolidatorOrgId" TEXT NOT NULL,
    "scheduleId" TEXT,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3) WITHOUT TIME ZONE,

    CONSTRAINT "ReportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestLevelDeadline" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "level" "AdminLevel" NOT NULL,
    "deadline" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "RequestLevelDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportRecipient" (
    "requestId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,

    CONSTRAINT "ReportRecipient_pkey" PRIMARY KEY ("requestId","orgId")
);

-- CreateTable
CREATE TABLE "ReportRecipientGroup" (
    "id" TEXT NOT NULL,
    "requestId" TEXT,
    "scheduleId" TEXT,
    "kind" "OrgKind",
    "level" "AdminLevel",
    "withinOrgId" TEXT,

    CONSTRAINT "ReportRecipientGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSchedule" (
    "id" TEXT NOT NULL,
    "key" TEXT,
    "templateId" TEXT NOT NULL,
    "planId" TEXT,
    "periodKind" "PeriodKind" NOT NULL,
    "titlePattern" TEXT NOT NULL,
    "deadlineDaysAfterCutoff" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "consolidatorOrgId" TEXT NOT NULL,
    "recipientOrgIds" TEXT[] NOT NULL DEFAULT ARRAY[]::text[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'DRAFT'::"SubmissionStatus",
    "version" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "submittedById" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "returnReason" TEXT,
    "returnedAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "returnedById" TEXT,
    "acceptedAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "acceptedById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionVersion" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "SubmissionStatus" NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CellValue" (
    "submissionId" TEXT NOT NULL,
    "tableKey" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "columnKey" TEXT NOT NULL,
    "value" TEXT,

    CONSTRAINT "CellValue_pkey" PRIMARY KEY ("submissionId","tableKey","rowKey","columnKey")
);

-- CreateTable
CREATE TABLE "SubmissionRow" (
    "submissionId" TEXT NOT NULL,
    "tableKey" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "SubmissionRow_pkey" PRIMARY KEY ("submissionId","tableKey","rowKey")
);

-- CreateTable
CREATE TABLE "OutlineAnswer" (
    "submissionId" TEXT NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "text" TEXT,

    CONSTRAINT "OutlineAnswer_pkey" PRIMARY KEY ("submissionId","sectionKey")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "scopeOrgId" TEXT,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "TokenKind" NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "expiresAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "revokedAt" TIMESTAMP(3) WITHOUT TIME ZONE,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorOrgId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "beforeVersion" INTEGER,
    "afterVersion" INTEGER,
    "details" JSONB,
    "address" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("userId","key")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "Org_code_key" ON "Org"("code");

-- CreateIndex
CREATE INDEX "Org_parentId_idx" ON "Org"("parentId");

-- CreateIndex
CREATE INDEX "Org_path_idx" ON "Org"("path");

-- CreateIndex
CREATE INDEX "Org_kind_level_idx" ON "Org"("kind", "level");

-- CreateIndex
CREATE INDEX "Org_searchText_idx" ON "Org" USING GIN("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "OrgSuccession_successorId_idx" ON "OrgSuccession"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "OrgSuccession_predecessorId_successorId_key" ON "OrgSuccession"("predecessorId", "successorId");

-- CreateIndex
CREATE UNIQUE INDEX "Document_key_key" ON "Document"("key");

-- CreateIndex
CREATE INDEX "Document_kind_status_idx" ON "Document"("kind", "status");

-- CreateIndex
CREATE INDEX "Document_issuerId_idx" ON "Document"("issuerId");

-- CreateIndex
CREATE INDEX "Document_number_idx" ON "Document"("number");

-- CreateIndex
CREATE INDEX "Document_searchText_idx" ON "Document" USING GIN("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "DocumentReference_toId_idx" ON "DocumentReference"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentReference_fromId_toId_kind_key" ON "DocumentReference"("fromId", "toId", "kind");

-- CreateIndex
CREATE INDEX "PlanSection_documentId_sortOrder_idx" ON "PlanSection"("documentId", "sortOrder");

-- CreateIndex
CREATE INDEX "PlanSection_parentId_idx" ON "PlanSection"("parentId");

-- CreateIndex
CREATE INDEX "DocumentDeadline_documentId_idx" ON "DocumentDeadline"("documentId");

-- CreateIndex
CREATE INDEX "Target_planId_sortOrder_idx" ON "Target"("planId", "sortOrder");

-- CreateIndex
CREATE INDEX "Target_targetYear_level_idx" ON "Target"("targetYear", "level");

-- CreateIndex
CREATE UNIQUE INDEX "Target_planId_code_key" ON "Target"("planId", "code");

-- CreateIndex
CREATE INDEX "TargetOrg_orgId_idx" ON "TargetOrg"("orgId");

-- CreateIndex
CREATE INDEX "TargetMeasurement_targetId_measuredOn_idx" ON "TargetMeasurement"("targetId", "measuredOn");

-- CreateIndex
CREATE INDEX "TargetMeasurement_submissionId_idx" ON "TargetMeasurement"("submissionId");

-- CreateIndex
CREATE INDEX "Task_planId_sortOrder_idx" ON "Task"("planId", "sortOrder");

-- CreateIndex
CREATE INDEX "Task_leadOrgId_idx" ON "Task"("leadOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_planId_code_key" ON "Task"("planId", "code");

-- CreateIndex
CREATE INDEX "TaskAssignment_taskId_idx" ON "TaskAssignment"("taskId");

-- CreateIndex
CREATE INDEX "TaskAssignment_orgId_idx" ON "TaskAssignment"("orgId");

-- CreateIndex
CREATE INDEX "TaskAssignment_groupKind_groupLevel_idx" ON "TaskAssignment"("groupKind", "groupLevel");

-- CreateIndex
CREATE INDEX "BudgetLine_documentId_sortOrder_idx" ON "BudgetLine"("documentId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_documentId_key_key" ON "Activity"("documentId", "key");

-- CreateIndex
CREATE INDEX "ScheduleItem_activityId_sortOrder_idx" ON "ScheduleItem"("activityId", "sortOrder");

-- CreateIndex
CREATE INDEX "Participant_activityId_sortOrder_idx" ON "Participant"("activityId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "ReportTemplate_code_version_key" ON "ReportTemplate"("code", "version");

-- CreateIndex
CREATE INDEX "TemplateAudience_templateId_idx" ON "TemplateAudience"("templateId");

-- CreateIndex
CREATE INDEX "TemplateSection_templateId_sortOrder_idx" ON "TemplateSection"("templateId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "TemplateSection_templateId_key_key" ON "TemplateSection"("templateId", "key");

-- CreateIndex
CREATE INDEX "TemplateSectionAudience_sectionId_idx" ON "TemplateSectionAudience"("sectionId");

-- CreateIndex
CREATE UNIQUE INDEX "TemplateTable_templateId_key_key" ON "TemplateTable"("templateId", "key");

-- CreateIndex
CREATE INDEX "TemplateColumn_targetId_idx" ON "TemplateColumn"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "TemplateColumn_tableId_key_key" ON "TemplateColumn"("tableId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "TemplateRow_tableId_key_key" ON "TemplateRow"("tableId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPeriod_kind_year_number_start_end_key" ON "ReportingPeriod"("kind", "year", "number", "start", "end");

-- CreateIndex
CREATE UNIQUE INDEX "ReportRequest_key_key" ON "ReportRequest"("key");

-- CreateIndex
CREATE INDEX "ReportRequest_status_deadline_idx" ON "ReportRequest"("status", "deadline");

-- CreateIndex
CREATE INDEX "ReportRequest_consolidatorOrgId_idx" ON "ReportRequest"("consolidatorOrgId");

-- CreateIndex
CREATE INDEX "ReportRequest_planId_idx" ON "ReportRequest"("planId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportRequest_scheduleId_periodId_key" ON "ReportRequest"("scheduleId", "periodId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestLevelDeadline_requestId_level_key" ON "RequestLevelDeadline"("requestId", "level");

-- CreateIndex
CREATE INDEX "ReportRecipient_orgId_idx" ON "ReportRecipient"("orgId");

-- CreateIndex
CREATE INDEX "ReportRecipientGroup_requestId_idx" ON "ReportRecipientGroup"("requestId");

-- CreateIndex
CREATE INDEX "ReportRecipientGroup_scheduleId_idx" ON "ReportRecipientGroup"("scheduleId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSchedule_key_key" ON "ReportSchedule"("key");

-- CreateIndex
CREATE INDEX "Submission_orgId_status_idx" ON "Submission"("orgId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_requestId_orgId_key" ON "Submission"("requestId", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionVersion_submissionId_version_key" ON "SubmissionVersion"("submissionId", "version");

-- CreateIndex
CREATE INDEX "CellValue_tableKey_rowKey_columnKey_idx" ON "CellValue"("tableKey", "rowKey", "columnKey");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "UserRole_userId_role_scopeOrgId_key" ON "UserRole"("userId", "role", "scopeOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- AddForeignKey
ALTER TABLE "Org" ADD CONSTRAINT "Org_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgSuccession" ADD CONSTRAINT "OrgSuccession_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgSuccession" ADD CONSTRAINT "OrgSuccession_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentReference" ADD CONSTRAINT "DocumentReference_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentReference" ADD CONSTRAINT "DocumentReference_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "PlanSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentDeadline" ADD CONSTRAINT "DocumentDeadline_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanSection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetOrg" ADD CONSTRAINT "TargetOrg_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetOrg" ADD CONSTRAINT "TargetOrg_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetMeasurement" ADD CONSTRAINT "TargetMeasurement_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetMeasurement" ADD CONSTRAINT "TargetMeasurement_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetMeasurement" ADD CONSTRAINT "TargetMeasurement_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanSection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_leadOrgId_fkey" FOREIGN KEY ("leadOrgId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_groupWithinId_fkey" FOREIGN KEY ("groupWithinId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleItem" ADD CONSTRAINT "ScheduleItem_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportTemplate" ADD CONSTRAINT "ReportTemplate_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateAudience" ADD CONSTRAINT "TemplateAudience_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReportTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateSection" ADD CONSTRAINT "TemplateSection_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReportTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateSection" ADD CONSTRAINT "TemplateSection_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "TemplateSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateSectionAudience" ADD CONSTRAINT "TemplateSectionAudience_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "TemplateSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateSectionAudience" ADD CONSTRAINT "TemplateSectionAudience_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateTable" ADD CONSTRAINT "TemplateTable_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReportTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateColumn" ADD CONSTRAINT "TemplateColumn_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "TemplateTable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateColumn" ADD CONSTRAINT "TemplateColumn_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateRow" ADD CONSTRAINT "TemplateRow_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "TemplateTable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateRow" ADD CONSTRAINT "TemplateRow_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateRow" ADD CONSTRAINT "TemplateRow_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRequest" ADD CONSTRAINT "ReportRequest_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReportTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRequest" ADD CONSTRAINT "ReportRequest_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRequest" ADD CONSTRAINT "ReportRequest_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRequest" ADD CONSTRAINT "ReportRequest_consolidatorOrgId_fkey" FOREIGN KEY ("consolidatorOrgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRequest" ADD CONSTRAINT "ReportRequest_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "ReportSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRequest" ADD CONSTRAINT "ReportRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestLevelDeadline" ADD CONSTRAINT "RequestLevelDeadline_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRecipient" ADD CONSTRAINT "ReportRecipient_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRecipient" ADD CONSTRAINT "ReportRecipient_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRecipientGroup" ADD CONSTRAINT "ReportRecipientGroup_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRecipientGroup" ADD CONSTRAINT "ReportRecipientGroup_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "ReportSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRecipientGroup" ADD CONSTRAINT "ReportRecipientGroup_withinOrgId_fkey" FOREIGN KEY ("withinOrgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSchedule" ADD CONSTRAINT "ReportSchedule_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReportTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSchedule" ADD CONSTRAINT "ReportSchedule_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSchedule" ADD CONSTRAINT "ReportSchedule_consolidatorOrgId_fkey" FOREIGN KEY ("consolidatorOrgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionVersion" ADD CONSTRAINT "SubmissionVersion_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionVersion" ADD CONSTRAINT "SubmissionVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CellValue" ADD CONSTRAINT "CellValue_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionRow" ADD CONSTRAINT "SubmissionRow_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutlineAnswer" ADD CONSTRAINT "OutlineAnswer_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_scopeOrgId_fkey" FOREIGN KEY ("scopeOrgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorOrgId_fkey" FOREIGN KEY ("actorOrgId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
