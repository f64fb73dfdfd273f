-- AlterTable
ALTER TABLE "DatasetRecord" ADD COLUMN     "sourceSpanId" TEXT,
ADD COLUMN     "sourceTraceId" TEXT;

-- CreateIndex
CREATE INDEX "DatasetRecord_datasetId_sourceTraceId_idx" ON "DatasetRecord"("datasetId", "sourceTraceId");
