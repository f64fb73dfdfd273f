import type { ServiceDeps } from '../domain/service-deps.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';

/** Model services need the keyring besides the database: API keys are encrypted on write and read. */
export type ModelServiceDeps = ServiceDeps & { secrets: SecretKeyring };
