-- Exchange with other systems (server/exchange/): the Sở's mapping of our cells, agencies and
-- templates to a receiver's codes, and the outbox of sent versions with its delivery log.
CREATE TYPE "ExchangeCodeKind" AS ENUM ('DATA_SET', 'DATA_ELEMENT', 'ORG_UNIT', 'COMMENT');

CREATE TYPE "ExchangeFormat" AS ENUM ('DHIS2_JSON', 'ADX_XML');

CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED', 'GAVE_UP');

CREATE TABLE "ExchangeScheme" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerOrgId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "ExchangeScheme_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ExchangeCode" (
    "id" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "kind" "ExchangeCodeKind" NOT NULL,
    "ours" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "categoryOptionCombo" TEXT NOT NULL DEFAULT ''::text,
    "updatedAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,

    CONSTRAINT "ExchangeCode_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ExchangeReceiver" (
    "id" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" "ExchangeFormat" NOT NULL,
    "authHeader" TEXT,
    "templateCodes" TEXT[] NOT NULL,
    "maxAttempts" INTEGER NOT NULL DEFAULT 10,
    "retryBaseMs" INTEGER NOT NULL DEFAULT 60000,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeReceiver_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ExchangeDelivery" (
    "id" TEXT NOT NULL,
    "receiverId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING'::"DeliveryStatus",
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3) WITHOUT TIME ZONE,
    "deliveredAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeDelivery_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ExchangeAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "at" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,
    "httpStatus" INTEGER,
    "answer" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,

    CONSTRAINT "ExchangeAttempt_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ExchangeScheme_code_key" ON "ExchangeScheme"("code");

CREATE UNIQUE INDEX "ExchangeCode_schemeId_kind_ours_key" ON "ExchangeCode"("schemeId", "kind", "ours");

CREATE UNIQUE INDEX "ExchangeCode_schemeId_kind_code_categoryOptionCombo_key" ON "ExchangeCode"("schemeId", "kind", "code", "categoryOptionCombo");

CREATE INDEX "ExchangeDelivery_status_nextAttemptAt_idx" ON "ExchangeDelivery"("status", "nextAttemptAt");

CREATE UNIQUE INDEX "ExchangeDelivery_receiverId_submissionId_version_key" ON "ExchangeDelivery"("receiverId", "submissionId", "version");

CREATE INDEX "ExchangeAttempt_deliveryId_at_idx" ON "ExchangeAttempt"("deliveryId", "at");

ALTER TABLE "ExchangeScheme" ADD CONSTRAINT "ExchangeScheme_ownerOrgId_fkey" FOREIGN KEY ("ownerOrgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "ExchangeCode" ADD CONSTRAINT "ExchangeCode_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "ExchangeScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ExchangeReceiver" ADD CONSTRAINT "ExchangeReceiver_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "ExchangeScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "ExchangeDelivery" ADD CONSTRAINT "ExchangeDelivery_receiverId_fkey" FOREIGN KEY ("receiverId") REFERENCES "ExchangeReceiver"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ExchangeDelivery" ADD CONSTRAINT "ExchangeDelivery_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "ExchangeAttempt" ADD CONSTRAINT "ExchangeAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "ExchangeDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
