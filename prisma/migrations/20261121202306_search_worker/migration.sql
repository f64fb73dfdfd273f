-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "embeddingServiceId" UUID;

-- AlterTable
ALTER TABLE "SearchOutbox" ADD COLUMN     "leasedUntil" TIMESTAMPTZ(3);
