-- Approval inside the agency and digitally signed reports (server/submissions/approval.ts,
-- server/signatures/): the leader's role, the two states between draft and sent, what a request
-- (or its template, by default) requires, and the signatures the server verified. New enum values
-- are only added here; nothing in this migration uses them (PostgreSQL refuses a value added in
-- the same transaction).
ALTER TYPE "SubmissionStatus" ADD VALUE IF NOT EXISTS 'PENDING_APPROVAL' BEFORE 'SUBMITTED';
ALTER TYPE "SubmissionStatus" ADD VALUE IF NOT EXISTS 'APPROVED' BEFORE 'SUBMITTED';
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'APPROVER';

CREATE TYPE "SigningForm" AS ENUM ('DIRECT', 'TM', 'Q', 'KT', 'TL', 'TUQ');

ALTER TABLE "ReportTemplate"
    ADD COLUMN "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "requiresSignature" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "ReportRequest"
    ADD COLUMN "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "requiresSignature" BOOLEAN NOT NULL DEFAULT false,
    ADD CONSTRAINT "ReportRequest_signature_needs_approval"
        CHECK (NOT "requiresSignature" OR "requiresApproval");

ALTER TABLE "Submission"
    ADD COLUMN "approvedAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    ADD COLUMN "approvedById" TEXT;

CREATE TABLE "SubmissionSignature" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "form" "SigningForm" NOT NULL,
    "signerOffice" TEXT,
    "signerTitle" TEXT,
    "digest" TEXT NOT NULL,
    "cms" BYTEA NOT NULL,
    "chainPem" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,
    "pdf" BYTEA,
    "supersededAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "createdById" TEXT,

    CONSTRAINT "SubmissionSignature_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SubmissionSignature_submissionId_version_idx" ON "SubmissionSignature"("submissionId", "version");

ALTER TABLE "SubmissionSignature" ADD CONSTRAINT "SubmissionSignature_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "SubmissionSignature" ADD CONSTRAINT "SubmissionSignature_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
