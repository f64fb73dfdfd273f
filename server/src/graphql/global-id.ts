import { InvalidInputError, NotFoundError } from '../errors/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeGlobalId = (typename: string, id: string | number | bigint) =>
  Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');

/**
 * Relay IDs are opaque `base64url(Type:uuid)`. A well-formed ID of an object that does not
 * exist, or exists in another project, is simply not found: IDs never reveal existence.
 */
export const decodeGlobalId = (globalId: string) => {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0 || encodeGlobalId(decoded.slice(0, separator), decoded.slice(separator + 1)) !== globalId) {
    throw new InvalidInputError([{ path: 'id', message: `"${globalId.slice(0, 64)}" is not an AgentLoop ID` }]);
  }
  const typename = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (!UUID.test(id)) throw new NotFoundError(typename, id);
  return { typename, id };
};
