-- AlterTable
ALTER TABLE "Span" ADD COLUMN     "attributeColumns" JSONB NOT NULL DEFAULT '{}';
