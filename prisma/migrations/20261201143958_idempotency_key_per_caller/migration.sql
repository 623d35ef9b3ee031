-- An idempotency key now belongs to its caller and to one mutation, and remembers a hash of its input.
-- Older records name neither the mutation nor the input, so a retry could not be told from a reuse:
-- they are dropped (they only matter to a retry already in flight, which then runs once more against
-- the status machine's conditional update).
DELETE FROM "IdempotencyKey";

-- AlterTable
ALTER TABLE "IdempotencyKey" DROP CONSTRAINT "IdempotencyKey_pkey",
ADD COLUMN     "requestHash" TEXT NOT NULL,
ADD CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("organizationId", "actorId", "operation", "key");
