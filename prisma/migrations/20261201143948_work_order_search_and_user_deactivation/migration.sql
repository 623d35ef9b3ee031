-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deactivatedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Vehicle_licensePlate_trgm_idx" ON "Vehicle" USING GIN ("licensePlate" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Vehicle_vin_trgm_idx" ON "Vehicle" USING GIN ("vin" gin_trgm_ops);

