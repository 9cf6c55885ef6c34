-- The last period in the sheet (issue 24): which columns or rows a new period may start from the
-- agency's last sent values, and by what factor a number may move before it is flagged.
ALTER TABLE "ReportTemplate" ADD COLUMN "changeFactor" DOUBLE PRECISION;
ALTER TABLE "TemplateColumn" ADD COLUMN "carryForward" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "TemplateColumn" ADD COLUMN "changeFactor" DOUBLE PRECISION;
ALTER TABLE "TemplateRow" ADD COLUMN "carryForward" BOOLEAN NOT NULL DEFAULT false;
