import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, getOperationAST, print } from 'graphql';
import { parseGraphQLResponse } from './graphql-response.js';
import { AgentLoopRequestError } from './request-error.js';

export type AgentLoopClientOptions = {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** An AgentLoop API key (`al_…`), sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Defaults to the global `fetch`; pass your own to add timeouts, retries, proxies or tracing. */
  fetch?: typeof globalThis.fetch;
};

/** The variables argument: optional when the operation has no required variables. */
export type VariablesArgument<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export type AgentLoopClient = {
  /**
   * Runs one query or mutation and resolves with its `data`, typed by the document.
   * Subscriptions go over graphql-ws instead (see the README).
   * @throws {AgentLoopRequestError} when the server cannot be reached, answers with an HTTP error
   * or returns top-level GraphQL errors (UNAUTHENTICATED, FORBIDDEN, validation, …).
   */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): Promise<TResult>;
};

type PreparedDocument = { query: string; operationName: string | undefined };

// Printing is the costly part of a request and the generated documents are module constants.
const prepared = new WeakMap<DocumentNode, PreparedDocument>();

const prepare = (document: DocumentNode): PreparedDocument => {
  let entry = prepared.get(document);
  if (!entry) {
    entry = { query: print(document), operationName: getOperationAST(document)?.name?.value };
    prepared.set(document, entry);
  }
  return entry;
};

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** A client bound to one AgentLoop server and one API key. */
export const createAgentLoopClient = (options: AgentLoopClientOptions): AgentLoopClient => {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const headers = {
    'content-type': 'application/json',
    // graphql-response+json makes the server use real HTTP statuses (400, 401) for failed requests.
    accept: 'application/graphql-response+json, application/json',
    authorization: `Bearer ${options.apiKey}`,
  };

  return {
    async request<TResult, TVariables>(
      document: TypedDocumentNode<TResult, TVariables>,
      ...[variables]: VariablesArgument<TVariables>
    ): Promise<TResult> {
      const { query, operationName } = prepare(document);
      let response: Response;
      try {
        response = await fetchImpl(options.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables: variables ?? {}, operationName }),
        });
      } catch (cause) {
        throw new AgentLoopRequestError(`Could not reach AgentLoop at ${options.url}`, {
          status: 0,
          code: 'NETWORK_ERROR',
          cause,
        });
      }
      const requestId = response.headers.get('x-request-id') ?? undefined;
      const body = parseGraphQLResponse(await readJson(response));
      if (!body) {
        throw new AgentLoopRequestError(`AgentLoop answered HTTP ${response.status} without a GraphQL response`, {
          status: response.status,
          code: 'BAD_RESPONSE',
          requestId,
        });
      }
      if (body.errors && body.errors.length > 0) {
        throw new AgentLoopRequestError(body.errors.map((e) => e.message).join('; '), {
          status: response.status,
          errors: body.errors,
          data: body.data ?? undefined,
          requestId,
        });
      }
      if (!response.ok || !body.data) {
        throw new AgentLoopRequestError(`AgentLoop answered HTTP ${response.status} without data`, {
          status: response.status,
          code: 'BAD_RESPONSE',
          requestId,
        });
      }
      return body.data as TResult;
    },
  };
};
