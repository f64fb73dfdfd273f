-- CreateEnum
CREATE TYPE "SpanKind" AS ENUM ('LLM', 'CHAIN', 'TOOL', 'RETRIEVER', 'EMBEDDING', 'RERANKER', 'AGENT', 'GUARDRAIL', 'EVALUATOR', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "SpanStatus" AS ENUM ('UNSET', 'OK', 'ERROR');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "retentionDays" INTEGER;

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trace" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "traceId" TEXT NOT NULL,
    "applicationId" UUID NOT NULL,
    "deploymentId" UUID,
    "name" TEXT NOT NULL,
    "startTime" TIMESTAMPTZ(6) NOT NULL,
    "endTime" TIMESTAMPTZ(6) NOT NULL,
    "durationMs" DOUBLE PRECISION NOT NULL,
    "status" "SpanStatus" NOT NULL,
    "sessionId" TEXT,
    "userId" TEXT,
    "input" TEXT,
    "output" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "totalTokens" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(20,10),
    "spanCount" INTEGER NOT NULL,
    "errorCount" INTEGER NOT NULL,
    "tags" TEXT[],
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "models" TEXT[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Trace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Span" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "traceId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "parentSpanId" TEXT,
    "applicationId" UUID NOT NULL,
    "deploymentId" UUID,
    "name" TEXT NOT NULL,
    "kind" "SpanKind" NOT NULL,
    "startTime" TIMESTAMPTZ(6) NOT NULL,
    "endTime" TIMESTAMPTZ(6) NOT NULL,
    "durationMs" DOUBLE PRECISION NOT NULL,
    "status" "SpanStatus" NOT NULL,
    "statusMessage" TEXT,
    "operation" TEXT,
    "provider" TEXT,
    "requestModel" TEXT,
    "model" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "cachedTokens" INTEGER,
    "totalTokens" INTEGER,
    "cost" DECIMAL(20,10),
    "input" TEXT,
    "output" TEXT,
    "toolName" TEXT,
    "toolArguments" TEXT,
    "toolResult" TEXT,
    "retrievedDocuments" JSONB,
    "events" JSONB NOT NULL DEFAULT '[]',
    "sessionId" TEXT,
    "userId" TEXT,
    "tags" TEXT[],
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "convention" TEXT NOT NULL,
    "unmappedAttributes" TEXT[],
    "attributes" JSONB NOT NULL,
    "resourceAttributes" JSONB NOT NULL,
    "insertedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Span_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogRecord" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "applicationId" UUID,
    "traceId" TEXT,
    "spanId" TEXT,
    "timestamp" TIMESTAMPTZ(6) NOT NULL,
    "severityNumber" INTEGER,
    "severityText" TEXT,
    "eventName" TEXT,
    "body" TEXT,
    "attributes" JSONB NOT NULL,
    "resourceAttributes" JSONB NOT NULL,
    "insertedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID,
    "modelPattern" TEXT NOT NULL,
    "inputPerMillion" DECIMAL(20,10) NOT NULL,
    "outputPerMillion" DECIMAL(20,10) NOT NULL,
    "cachedInputPerMillion" DECIMAL(20,10),
    "effectiveFrom" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Application_projectId_name_key" ON "Application"("projectId", "name");

-- CreateIndex
CREATE INDEX "Deployment_projectId_idx" ON "Deployment"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_applicationId_version_environment_key" ON "Deployment"("applicationId", "version", "environment");

-- CreateIndex
CREATE INDEX "Trace_projectId_startTime_idx" ON "Trace"("projectId", "startTime" DESC);

-- CreateIndex
CREATE INDEX "Trace_projectId_applicationId_startTime_idx" ON "Trace"("projectId", "applicationId", "startTime" DESC);

-- CreateIndex
CREATE INDEX "Trace_projectId_sessionId_startTime_idx" ON "Trace"("projectId", "sessionId", "startTime");

-- CreateIndex
CREATE INDEX "Trace_projectId_userId_startTime_idx" ON "Trace"("projectId", "userId", "startTime");

-- CreateIndex
CREATE UNIQUE INDEX "Trace_projectId_traceId_key" ON "Trace"("projectId", "traceId");

-- CreateIndex
CREATE INDEX "Span_projectId_startTime_idx" ON "Span"("projectId", "startTime" DESC);

-- CreateIndex
CREATE INDEX "Span_projectId_kind_startTime_idx" ON "Span"("projectId", "kind", "startTime" DESC);

-- CreateIndex
CREATE INDEX "Span_projectId_applicationId_startTime_idx" ON "Span"("projectId", "applicationId", "startTime" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Span_projectId_traceId_spanId_key" ON "Span"("projectId", "traceId", "spanId");

-- CreateIndex
CREATE INDEX "LogRecord_projectId_timestamp_idx" ON "LogRecord"("projectId", "timestamp" DESC);

-- CreateIndex
CREATE INDEX "LogRecord_projectId_traceId_idx" ON "LogRecord"("projectId", "traceId");

-- CreateIndex
CREATE INDEX "ModelPrice_projectId_idx" ON "ModelPrice"("projectId");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelPrice" ADD CONSTRAINT "ModelPrice_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
