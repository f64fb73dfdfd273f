import { z } from 'zod';
import { displayName } from '../domain/names.js';
import type { FieldIssue } from '../errors/app-error.js';
import { ModelProvider, ModelServiceKind } from '../generated/prisma/enums.js';
import { type ModelParameters, modelParametersSchema } from './model-parameters.js';

const httpUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => URL.canParse(value), 'must be an absolute URL, e.g. http://127.0.0.1:11434/v1')
  .refine(
    (value) => !URL.canParse(value) || ['http:', 'https:'].includes(new URL(value).protocol),
    'must be an http:// or https:// URL',
  )
  // The base URL is shown to every reader of the service; credentials belong in apiKey, which is not.
  .refine(
    (value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password),
    'must not contain credentials; give the key as apiKey',
  );

// Far above any real price; a typo of a few orders of magnitude is refused rather than stored.
const dollarsPerMillion = z.number().min(0, 'must not be negative').max(100_000, 'must be at most 100000');

export const modelServiceFields = {
  name: displayName,
  provider: z.enum(ModelProvider),
  kind: z.enum(ModelServiceKind),
  model: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  baseUrl: httpUrl.nullable(),
  parameters: modelParametersSchema,
  inputPricePerMillion: dollarsPerMillion.nullable(),
  outputPricePerMillion: dollarsPerMillion.nullable(),
  /** Write-only: encrypted before it is stored, never returned. */
  apiKey: z.string().trim().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters').nullable(),
};

export const createModelServiceInput = z.object(modelServiceFields).partial({
  baseUrl: true,
  parameters: true,
  inputPricePerMillion: true,
  outputPricePerMillion: true,
  apiKey: true,
});

/** Absent fields keep their value; null clears a nullable one. `parameters` replaces the whole set. */
export const updateModelServiceInput = z.object({ id: z.string(), ...modelServiceFields }).partial({
  name: true,
  provider: true,
  kind: true,
  model: true,
  baseUrl: true,
  parameters: true,
  inputPricePerMillion: true,
  outputPricePerMillion: true,
  apiKey: true,
});

/** A service as it will be after a write, for the rules that span fields. */
export type ServiceShape = {
  provider: ModelProvider;
  kind: ModelServiceKind;
  baseUrl: string | null;
  parameters: ModelParameters;
  hasApiKey: boolean;
};

/** Rules between fields; checked on the merged result of an update too, so no edit can break them. */
export const combinationIssues = (service: ServiceShape): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  if (service.provider === 'OPENAI_COMPATIBLE' && !service.baseUrl) {
    issues.push({ path: 'baseUrl', message: 'is required for an OpenAI-compatible provider' });
  }
  if (service.provider === 'ANTHROPIC' && service.kind === 'EMBEDDING') {
    issues.push({ path: 'kind', message: 'Anthropic has no embeddings API; use an OpenAI or OpenAI-compatible service' });
  }
  if (service.provider !== 'OPENAI_COMPATIBLE' && !service.hasApiKey) {
    issues.push({ path: 'apiKey', message: `is required for ${service.provider}` });
  }
  if (service.kind === 'CHAT' && service.parameters.dimensions !== undefined) {
    issues.push({ path: 'parameters.dimensions', message: 'applies to embedding services only' });
  }
  return issues;
};
