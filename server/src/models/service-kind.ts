import { InvalidInputError } from '../errors/app-error.js';
import type { ModelService } from '../generated/prisma/client.js';
import type { ModelServiceKind } from '../generated/prisma/enums.js';

/** For callers that take a service id in their own input (an evaluator's judge): the error names their field. */
export const assertServiceKind = (service: Pick<ModelService, 'kind' | 'name'>, kind: ModelServiceKind, field = 'serviceId') => {
  if (service.kind !== kind) {
    throw new InvalidInputError([
      { path: field, message: `model service "${service.name}" is a ${service.kind} service; a ${kind} service is needed` },
    ]);
  }
};
