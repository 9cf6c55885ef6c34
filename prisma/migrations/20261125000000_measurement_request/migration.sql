-- Measured values consolidated from a report request: one per target for the whole request
-- (orgId NULL) besides one per reporting agency, replaced whenever a report is sent, returned or
-- accepted (server/consolidation/measurements.ts).
ALTER TABLE "TargetMeasurement" ADD COLUMN "requestId" TEXT;

CREATE INDEX "TargetMeasurement_requestId_idx" ON "TargetMeasurement"("requestId");

ALTER TABLE "TargetMeasurement" ADD CONSTRAINT "TargetMeasurement_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
