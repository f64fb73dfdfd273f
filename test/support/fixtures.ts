import { expect } from 'vitest';
import { gql } from './graphql-client.js';

/** Creates a project through the public API and returns its global ID. */
export const createProjectVia = async (url: string, key: string, name: string): Promise<string> => {
  const res = await gql(
    url,
    key,
    `mutation($name: String!) { createProject(input: { name: $name }) {
      __typename ... on ProjectPayload { project { id } } ... on Error { code message } } }`,
    { name },
  );
  expect(res.data?.createProject.__typename, JSON.stringify(res)).toBe('ProjectPayload');
  return res.data?.createProject.project.id;
};

/** Issues a key through the public API; returns its global ID and secret. */
export const createKeyVia = async (
  url: string,
  key: string,
  input: { project?: string; name?: string; role: string; organizationAdmin?: boolean },
): Promise<{ id: string; secret: string }> => {
  const res = await gql(
    url,
    key,
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
      __typename ... on CreateApiKeyPayload { secret apiKey { id } } ... on Error { code message } } }`,
    { input: { name: `${input.role} key`, ...input } },
  );
  expect(res.data?.createApiKey.__typename, JSON.stringify(res)).toBe('CreateApiKeyPayload');
  return { id: res.data?.createApiKey.apiKey.id, secret: res.data?.createApiKey.secret };
};

export const errorCodes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);
