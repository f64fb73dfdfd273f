-- AlterTable
ALTER TABLE "EvalDecision" ADD COLUMN     "leaseExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "retryAfter" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "EvalDecision_taskId_leaseExpiresAt_idx" ON "EvalDecision"("taskId", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Trace_projectId_applicationId_updatedAt_idx" ON "Trace"("projectId", "applicationId", "updatedAt");
