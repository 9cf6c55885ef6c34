-- Agencies and people from a roster file (server/orgs/roster/): a user made by an administrator has
-- no password until they activate the account with a one-time code and choose one
-- (server/auth/activation.ts). The code is shown once; only a hash of it is kept, with its expiry
-- and when it was used.
ALTER TABLE "User" ALTER COLUMN "passwordHash" DROP NOT NULL;

CREATE TABLE "ActivationCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL,
    "usedAt" TIMESTAMP(3) WITHOUT TIME ZONE,

    CONSTRAINT "ActivationCode_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ActivationCode_codeHash_key" ON "ActivationCode"("codeHash");

CREATE INDEX "ActivationCode_userId_idx" ON "ActivationCode"("userId");

ALTER TABLE "ActivationCode" ADD CONSTRAINT "ActivationCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
