import { UnavailableError } from '../errors/app-error.js';
import type { ModelService } from '../generated/prisma/client.js';
import { SecretDecryptionError } from '../secrets/secret-cipher.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';

/** Binds the ciphertext to its row: copied into another service or project, it does not decrypt. */
const contextOf = (projectId: string, serviceId: string) => `ModelService.apiKey:${projectId}:${serviceId}`;

export const sealApiKey = async (secrets: SecretKeyring, projectId: string, serviceId: string, apiKey: string) => {
  const cipher = await secrets.cipher();
  return { apiKeyEncrypted: cipher.encrypt(apiKey, contextOf(projectId, serviceId)), apiKeyKeyId: cipher.keyId };
};

/** The plaintext key for a client, or undefined for a service without one. Never log or return it. */
export const openApiKey = async (
  secrets: SecretKeyring,
  service: Pick<ModelService, 'apiKeyEncrypted' | 'projectId' | 'id' | 'name'>,
): Promise<string | undefined> => {
  if (service.apiKeyEncrypted === null) return undefined;
  const cipher = await secrets.cipher();
  try {
    return cipher.decrypt(service.apiKeyEncrypted, contextOf(service.projectId, service.id));
  } catch (error) {
    if (error instanceof SecretDecryptionError) {
      throw new UnavailableError(`The API key of model service "${service.name}" cannot be read: ${error.message}`);
    }
    throw error;
  }
};
