-- Sign-in limits move to rate-limiter-flexible's Prisma store (server/auth/rate-limit.ts): one row
-- per key with its points and when its window ends. Windows now start with a key's first attempt;
-- the fixed quarter-hour windows of "RateLimitCounter" forgave failures that straddled :00, :15,
-- :30 or :45. Counters are short-lived: they are not carried over.
DROP TABLE "RateLimitCounter";

CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3) WITHOUT TIME ZONE,

    CONSTRAINT "RateLimiterFlexible_pkey" PRIMARY KEY ("key")
);
