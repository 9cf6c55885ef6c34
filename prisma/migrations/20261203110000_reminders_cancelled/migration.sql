-- A reminder whose agency sent (or whose request closed) while it waited is not sent: it is
-- CANCELLED with the reason (server/reminders/stale.ts). Requests open before reminders existed
-- get the default rules (server/reminders/manage.ts: -3, 0, 1, 3 days), so they are reminded too.
ALTER TYPE "MessageStatus" ADD VALUE IF NOT EXISTS 'CANCELLED';

INSERT INTO "ReminderRule" ("id", "requestId", "offsetDays", "attachLetter")
SELECT gen_random_uuid()::text, r."id", o.days, false
FROM "ReportRequest" r
CROSS JOIN (VALUES (-3), (0), (1), (3)) AS o(days)
WHERE r."status" = 'OPEN'
  AND NOT EXISTS (SELECT 1 FROM "ReminderRule" x WHERE x."requestId" = r."id");
