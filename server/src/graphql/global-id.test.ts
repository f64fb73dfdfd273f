import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../errors/app-error.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';

const uuid = '01931f6e-1234-7abc-8def-0123456789ab';

describe('global IDs', () => {
  it('round-trip type and uuid', () => {
    expect(decodeGlobalId(encodeGlobalId('Project', uuid))).toEqual({ typename: 'Project', id: uuid });
  });

  it('call a string that is not an ID invalid input', () => {
    expect(() => decodeGlobalId('not an id')).toThrow(InvalidInputError);
    expect(() => decodeGlobalId(Buffer.from('no separator').toString('base64url'))).toThrow(InvalidInputError);
  });

  it('call a well-formed ID with a non-uuid key simply not found, like any missing object', () => {
    expect(() => decodeGlobalId(encodeGlobalId('Project', "1' OR 1=1"))).toThrow(NotFoundError);
  });
});
