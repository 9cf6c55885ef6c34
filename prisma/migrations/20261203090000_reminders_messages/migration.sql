-- Deadline reminders, the messages sent (the send log) and in-app notifications
-- (server/reminders/, server/messages/); password reset codes beside activation codes.
CREATE TYPE "CodePurpose" AS ENUM ('ACTIVATION', 'PASSWORD_RESET');
CREATE TYPE "ReminderAudience" AS ENUM ('STAFF', 'LEADER');
CREATE TYPE "MessageKind" AS ENUM ('REMINDER', 'SUMMARY', 'INVITATION', 'PASSWORD_RESET');
CREATE TYPE "MessageChannel" AS ENUM ('EMAIL', 'SMS');
CREATE TYPE "MessageStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

ALTER TABLE "ActivationCode" ADD COLUMN "purpose" "CodePurpose" NOT NULL DEFAULT 'ACTIVATION';

CREATE TABLE "ReminderRule" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "attachLetter" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ReminderRule_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ReminderRule_requestId_offsetDays_key" ON "ReminderRule"("requestId", "offsetDays");
ALTER TABLE "ReminderRule" ADD CONSTRAINT "ReminderRule_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "audience" "ReminderAudience" NOT NULL,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Reminder_ruleId_orgId_key" ON "Reminder"("ruleId", "orgId");
CREATE INDEX "Reminder_requestId_idx" ON "Reminder"("requestId");
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "ReminderRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "OutgoingMessage" (
    "id" TEXT NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "messageId" TEXT NOT NULL,
    "key" TEXT,
    "requestId" TEXT,
    "orgId" TEXT,
    "reminderId" TEXT,
    "attachLetter" BOOLEAN NOT NULL DEFAULT false,
    "status" "MessageStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lockedUntil" TIMESTAMP(3) WITHOUT TIME ZONE,
    "nextAttemptAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3) WITHOUT TIME ZONE,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutgoingMessage_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "OutgoingMessage_messageId_key" ON "OutgoingMessage"("messageId");
CREATE UNIQUE INDEX "OutgoingMessage_key_key" ON "OutgoingMessage"("key");
CREATE INDEX "OutgoingMessage_status_nextAttemptAt_idx" ON "OutgoingMessage"("status", "nextAttemptAt");
CREATE INDEX "OutgoingMessage_requestId_createdAt_idx" ON "OutgoingMessage"("requestId", "createdAt");
ALTER TABLE "OutgoingMessage" ADD CONSTRAINT "OutgoingMessage_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "requestId" TEXT,
    "reminderId" TEXT,
    "createdAt" TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3) WITHOUT TIME ZONE,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Notification_userId_reminderId_key" ON "Notification"("userId", "reminderId");
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
