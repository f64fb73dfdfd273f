-- AlterEnum
ALTER TYPE "EvalDataSource" ADD VALUE 'DATASET_SNAPSHOT';

-- AlterTable
ALTER TABLE "EvalTask" ADD COLUMN     "fieldMapping" JSONB,
ADD COLUMN     "snapshotId" UUID;

-- AlterTable
ALTER TABLE "Score" ADD COLUMN     "recordVersion" INTEGER,
ADD COLUMN     "snapshotId" UUID;

-- CreateIndex
CREATE INDEX "EvalTask_snapshotId_idx" ON "EvalTask"("snapshotId");

-- CreateIndex
CREATE INDEX "Score_projectId_targetId_idx" ON "Score"("projectId", "targetId");

-- CreateIndex
CREATE INDEX "Score_snapshotId_idx" ON "Score"("snapshotId");
