import type { Server } from 'node:http';
import { type ExecutionArgs, getOperationAST } from 'graphql';
import { CloseCode, MessageType } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { authenticate } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { scopeOnlyPrincipal, subscriptionScopeKey } from '../auth/subscription-scope.js';
import type { SqlClient } from '../db/sql-client.js';
import { UnauthenticatedError } from '../errors/app-error.js';
import { requestIdFrom } from '../observability/request-context.js';
import type { YogaServer } from './create-yoga.js';
import { createSubscriptionFanOut, type FanOutMember } from './subscription-fan-out.js';

type Enveloped = ReturnType<YogaServer['getEnveloped']>;
type ExecutionArgsWithEnvelop = ExecutionArgs & {
  rootValue: { execute: Enveloped['execute']; subscribe: Enveloped['subscribe'] };
};

/** Which group a subscription belongs to, and where its frames go. */
type Share = { key: string; socket: WebSocket; id: string };

const NEXT_TAIL = Buffer.from('}');

/**
 * The graphql-ws Next message for one subscription, around a payload serialized once for its
 * whole group: `{"id":…,"type":"next","payload":…}`, exactly what graphql-ws itself would send.
 */
const nextMessages = (socket: WebSocket, id: string): FanOutMember => {
  const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"${MessageType.Next}","payload":`);
  return {
    deliver: (payload) => {
      if (socket.readyState !== socket.OPEN) return;
      // A text frame, as graphql-ws clients expect, from bytes already encoded.
      socket.send(Buffer.concat([head, payload, NEXT_TAIL]), { binary: false });
    },
  };
};

/**
 * graphql-ws on the same port and path as HTTP GraphQL. The key is checked once per
 * connection (connection_init payload `{ authorization: "Bearer …" }`, or the upgrade
 * request's Authorization header); every operation then runs through yoga's envelop, so
 * limits, masking, scopes and metrics are the same as over HTTP.
 *
 * Identical subscriptions (same document, operation, variables and extensions, from keys of the
 * same project and role) run once per event for all of them: the group's one result is serialized
 * once and written to every member's socket (subscription-fan-out.ts). They run as the scope, not
 * as any one key (auth/subscription-scope.ts), so sharing cannot show one key's view to another.
 */
export const attachWebSocketServer = (httpServer: Server, yoga: YogaServer, sql: SqlClient) => {
  const wsServer = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  const principals = new WeakMap<object, Principal>();
  const shares = new WeakMap<object, Share>();
  const fanOut = createSubscriptionFanOut();

  const disposable = useServer<Record<string, unknown>>(
    {
      execute: (args) => (args as ExecutionArgsWithEnvelop).rootValue.execute(args),
      subscribe: (args) => {
        const { subscribe } = (args as ExecutionArgsWithEnvelop).rootValue;
        const share = shares.get(args);
        if (!share) return subscribe(args);
        return fanOut.join(share.key, async () => subscribe(args), nextMessages(share.socket, share.id));
      },
      onConnect: async (ctx) => {
        const fromParams = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const header = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        try {
          principals.set(ctx.extra.socket, await authenticate(sql, header));
          return true;
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) throw error;
          ctx.extra.socket.close(CloseCode.Unauthorized, error.message.slice(0, 120));
          return false;
        }
      },
      onSubscribe: async (ctx, id, params) => {
        const principal = principals.get(ctx.extra.socket);
        const initial = { ...ctx, req: ctx.extra.request, socket: ctx.extra.socket, params, requestId: requestIdFrom(undefined) };
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ ...initial, principal });
        const document = parse(params.query);
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        const shared = principal !== undefined && getOperationAST(document, params.operationName)?.operation === 'subscription';
        const args: ExecutionArgsWithEnvelop = {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          // A shared subscription's context serves its whole group: built from the key's scope only.
          contextValue: shared ? await contextFactory({ principal: scopeOnlyPrincipal(principal) }) : await contextFactory(),
          rootValue: { execute, subscribe },
        };
        if (shared) {
          const key = JSON.stringify([
            subscriptionScopeKey(principal),
            params.query,
            params.operationName ?? null,
            params.variables ?? null,
            params.extensions ?? null,
          ]);
          shares.set(args, { key, socket: ctx.extra.socket, id });
        }
        return args;
      },
    },
    wsServer,
  );

  return {
    close: async () => {
      await disposable.dispose();
      for (const client of wsServer.clients) client.terminate();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
};
