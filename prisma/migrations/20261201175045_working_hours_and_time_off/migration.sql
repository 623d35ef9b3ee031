-- AlterTable
ALTER TABLE "WorkOrderEvent" ADD COLUMN     "availabilityOverride" JSONB;

-- CreateTable
CREATE TABLE "WorkingHours" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "technicianId" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,

    CONSTRAINT "WorkingHours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimeOff" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "technicianId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimeOff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkingHours_technicianId_weekday_idx" ON "WorkingHours"("technicianId", "weekday");

-- CreateIndex
CREATE INDEX "TimeOff_technicianId_startsAt_idx" ON "TimeOff"("technicianId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "TimeOff_organizationId_id_key" ON "TimeOff"("organizationId", "id");

-- AddForeignKey
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_organizationId_technicianId_fkey" FOREIGN KEY ("organizationId", "technicianId") REFERENCES "Technician"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeOff" ADD CONSTRAINT "TimeOff_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeOff" ADD CONSTRAINT "TimeOff_organizationId_technicianId_fkey" FOREIGN KEY ("organizationId", "technicianId") REFERENCES "Technician"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the rules of a working-hours interval and of a time-off range (domain/availability.ts checks them first).
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_weekday_check" CHECK ("weekday" BETWEEN 1 AND 7);
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_minutes_check" CHECK ("startMinute" >= 0 AND "endMinute" <= 1440 AND "endMinute" > "startMinute");
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_no_overlap" EXCLUDE USING gist (
  "technicianId" WITH =,
  "weekday" WITH =,
  int4range("startMinute", "endMinute") WITH &&
);
ALTER TABLE "TimeOff" ADD CONSTRAINT "TimeOff_range_check" CHECK ("endsAt" > "startsAt");
