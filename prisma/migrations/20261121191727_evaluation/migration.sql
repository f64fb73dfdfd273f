-- CreateEnum
CREATE TYPE "ScoreSource" AS ENUM ('CODE', 'LLM', 'HUMAN');

-- CreateEnum
CREATE TYPE "ScoreTargetType" AS ENUM ('TRACE', 'SPAN', 'DATASET_RECORD', 'EXPERIMENT_SAMPLE');

-- CreateEnum
CREATE TYPE "EvalTaskMode" AS ENUM ('CONTINUOUS', 'HISTORICAL');

-- CreateEnum
CREATE TYPE "EvalTaskStatus" AS ENUM ('RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "EvalDataSource" AS ENUM ('TRACES', 'SPANS');

-- CreateEnum
CREATE TYPE "EvalDecisionKind" AS ENUM ('FILTERED_OUT', 'SAMPLED_OUT', 'OVER_CAP', 'PENDING', 'SCORED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Score" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "targetType" "ScoreTargetType" NOT NULL,
    "traceId" TEXT,
    "spanId" TEXT,
    "targetId" TEXT,
    "applicationId" UUID,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "label" TEXT,
    "source" "ScoreSource" NOT NULL,
    "reasoning" TEXT,
    "comment" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "evaluatorId" UUID,
    "taskId" UUID,
    "authorApiKeyId" UUID,
    "judgeModel" TEXT,
    "judgePromptName" TEXT,
    "judgePromptVersion" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "cost" DECIMAL(20,10),
    "latencyMs" DOUBLE PRECISION,
    "supersededById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluator" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "pluginName" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "judgeServiceId" UUID,
    "embeddingsServiceId" UUID,
    "timeoutMs" INTEGER NOT NULL DEFAULT 60000,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Evaluator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalTask" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "evaluatorId" UUID NOT NULL,
    "dataSource" "EvalDataSource" NOT NULL,
    "applicationId" UUID,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "samplingRate" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "maxSamples" INTEGER,
    "costCap" DECIMAL(20,10),
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "mode" "EvalTaskMode" NOT NULL,
    "fromTime" TIMESTAMPTZ(3),
    "toTime" TIMESTAMPTZ(3),
    "settleSeconds" INTEGER NOT NULL DEFAULT 5,
    "status" "EvalTaskStatus" NOT NULL DEFAULT 'RUNNING',
    "statusReason" TEXT,
    "cursor" JSONB,
    "planned" BOOLEAN NOT NULL DEFAULT false,
    "filteredOut" INTEGER NOT NULL DEFAULT 0,
    "sampledOut" INTEGER NOT NULL DEFAULT 0,
    "overCap" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "scored" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(20,10) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "EvalTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalDecision" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "targetType" "ScoreTargetType" NOT NULL,
    "targetId" TEXT NOT NULL,
    "traceId" TEXT,
    "decision" "EvalDecisionKind" NOT NULL,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(20,10),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "EvalDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Score_projectId_traceId_idx" ON "Score"("projectId", "traceId");

-- CreateIndex
CREATE INDEX "Score_projectId_name_createdAt_idx" ON "Score"("projectId", "name", "createdAt");

-- CreateIndex
CREATE INDEX "Score_taskId_createdAt_idx" ON "Score"("taskId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Evaluator_projectId_name_key" ON "Evaluator"("projectId", "name");

-- CreateIndex
CREATE INDEX "EvalTask_projectId_createdAt_idx" ON "EvalTask"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "EvalDecision_taskId_decision_idx" ON "EvalDecision"("taskId", "decision");

-- CreateIndex
CREATE INDEX "EvalDecision_projectId_traceId_idx" ON "EvalDecision"("projectId", "traceId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalDecision_taskId_targetId_key" ON "EvalDecision"("taskId", "targetId");

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluator" ADD CONSTRAINT "Evaluator_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalTask" ADD CONSTRAINT "EvalTask_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalTask" ADD CONSTRAINT "EvalTask_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "Evaluator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalDecision" ADD CONSTRAINT "EvalDecision_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "EvalTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;
