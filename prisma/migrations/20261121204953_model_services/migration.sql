-- CreateEnum
CREATE TYPE "ModelProvider" AS ENUM ('OPENAI_COMPATIBLE', 'OPENAI', 'ANTHROPIC');

-- CreateEnum
CREATE TYPE "ModelServiceKind" AS ENUM ('CHAT', 'EMBEDDING');

-- CreateTable
CREATE TABLE "ModelService" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "provider" "ModelProvider" NOT NULL,
    "kind" "ModelServiceKind" NOT NULL,
    "model" TEXT NOT NULL,
    "baseUrl" TEXT,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "inputPricePerMillion" DECIMAL(20,10),
    "outputPricePerMillion" DECIMAL(20,10),
    "apiKeyEncrypted" TEXT,
    "apiKeyKeyId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ModelService_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelService_projectId_name_key" ON "ModelService"("projectId", "name");

-- AddForeignKey
ALTER TABLE "ModelService" ADD CONSTRAINT "ModelService_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
