import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export type GraphQLResponse<T = Record<string, any>> = {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
};

/** POST /graphql exactly as any client would. */
export const gql = async <T = Record<string, any>>(
  url: string,
  key: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // The GraphQL-over-HTTP media type, as modern clients send: errors carry real status codes.
      accept: 'application/graphql-response+json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
};

/** A graphql-ws client authenticating in connection_init, as browsers must. */
export const wsClient = (wsUrl: string, key: string): Client =>
  createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
  });

/** Collects the next `count` events of a subscription. */
export const collect = <T>(client: Client, query: string, count: number, timeoutMs = 10_000) =>
  collectUntil<T>(client, query, (events) => events.length === count, timeoutMs, `${count} events`);

/**
 * Collects a subscription's events until `done` holds for them: for events whose number is not
 * fixed, e.g. scores that the engine may commit (and announce) together or one by one.
 */
export const collectUntil = <T>(
  client: Client,
  query: string,
  done: (events: T[]) => boolean,
  timeoutMs = 10_000,
  awaiting = 'the expected events',
) => {
  const events: T[] = [];
  let unsubscribe = () => {};
  return new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out with ${events.length} events, waiting for ${awaiting}`));
    }, timeoutMs);
    unsubscribe = client.subscribe<T>(
      { query },
      {
        next: (value) => {
          if (value.errors) {
            clearTimeout(timer);
            reject(new Error(JSON.stringify(value.errors)));
            return;
          }
          events.push(value.data as T);
          if (done(events)) {
            clearTimeout(timer);
            unsubscribe();
            resolve(events);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {},
      },
    );
  });
};
