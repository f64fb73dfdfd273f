import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticate } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { UnauthenticatedError } from '../errors/app-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { requestIdFrom } from '../observability/request-context.js';
import type { YogaServer } from './create-yoga.js';

type Enveloped = ReturnType<YogaServer['getEnveloped']>;
type ExecutionArgsWithEnvelop = ExecutionArgs & {
  rootValue: { execute: Enveloped['execute']; subscribe: Enveloped['subscribe'] };
};

/**
 * graphql-ws on the same port and path as HTTP GraphQL. The key is checked once per
 * connection (connection_init payload `{ authorization: "Bearer …" }`, or the upgrade
 * request's Authorization header); every operation then runs through yoga's envelop, so
 * limits, masking, scopes and metrics are the same as over HTTP.
 */
export const attachWebSocketServer = (httpServer: Server, yoga: YogaServer, prisma: PrismaClient) => {
  const wsServer = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  const principals = new WeakMap<object, Principal>();

  const disposable = useServer<Record<string, unknown>>(
    {
      execute: (args) => (args as ExecutionArgsWithEnvelop).rootValue.execute(args),
      subscribe: (args) => (args as ExecutionArgsWithEnvelop).rootValue.subscribe(args),
      onConnect: async (ctx) => {
        const fromParams = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const header = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        try {
          principals.set(ctx.extra.socket, await authenticate(prisma, header));
          return true;
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) throw error;
          ctx.extra.socket.close(CloseCode.Unauthorized, error.message.slice(0, 120));
          return false;
        }
      },
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          principal: principals.get(ctx.extra.socket),
          requestId: requestIdFrom(undefined),
        });
        const args: ExecutionArgsWithEnvelop = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
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
