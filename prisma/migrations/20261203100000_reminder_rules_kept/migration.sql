-- Reminder rules taken out are kept (their reminders with them), so putting an offset back never
-- sends a reminder again (server/reminders/schema.ts setReminderRules); the send log and the
-- in-app notifications name their agency and request.
ALTER TABLE "ReminderRule" ADD COLUMN "removedAt" TIMESTAMP(3) WITHOUT TIME ZONE;

ALTER TABLE "OutgoingMessage" ADD CONSTRAINT "OutgoingMessage_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
