import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config/config.js';
import type { SqlClient } from '../db/sql-client.js';
import { UnauthenticatedError } from '../errors/app-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { type Metrics, useOperationMetrics } from '../observability/metrics.js';
import { currentRequestId, requestIdFrom } from '../observability/request-context.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';
import type { SearchDeps } from '../search/search-deps.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';
import type { PriceCache } from '../tracing/cost/price-cache.js';
import { createErrorMasker } from './format-error.js';

/** What the HTTP and WebSocket layers hand yoga besides the request. */
export type ServerContext = {
  requestId?: string;
  /** Set by the WebSocket layer, which authenticates once per connection. */
  principal?: Principal;
};

export type YogaDeps = {
  schema: GraphQLSchema;
  prisma: PrismaClient;
  sql: SqlClient;
  prices: PriceCache;
  pubsub: AppPubSub;
  secrets: SecretKeyring;
  jobs: JobQueue;
  plugins: PluginRegistry;
  logger: Logger;
  metrics: Metrics;
  config: Pick<Config, 'limits' | 'development'>;
  search: SearchDeps;
};

export const unauthenticated = (error: UnauthenticatedError) =>
  new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });

/** Over-limit operations are the client's fault: a coded 400, whatever media type it accepts. */
const markLimitExceeded = (_context: unknown, error: GraphQLError) => {
  Object.assign(error.extensions, { code: 'QUERY_LIMIT_EXCEEDED', http: { status: 400 } });
};

export const createYogaServer = (deps: YogaDeps) => {
  const { limits } = deps.config;
  return createYoga<ServerContext, GraphQLContext>({
    schema: deps.schema,
    graphqlEndpoint: '/graphql',
    graphiql: deps.config.development
      ? { title: 'AgentLoop', headers: JSON.stringify({ Authorization: 'Bearer <your key>' }) }
      : false,
    landingPage: false,
    logging: false,
    batching: { limit: limits.maxBatch },
    maskedErrors: { maskError: createErrorMasker(deps.logger, deps.config.development) },
    context: async (initial: YogaInitialContext & ServerContext): Promise<GraphQLContext> => {
      const requestId = initial.requestId ?? currentRequestId() ?? requestIdFrom(undefined);
      let principal = initial.principal;
      if (!principal) {
        try {
          principal = await authenticate(deps.sql, initial.request.headers.get('authorization'));
        } catch (error) {
          throw error instanceof UnauthenticatedError ? unauthenticated(error) : error;
        }
      }
      return {
        principal,
        prisma: deps.prisma,
        sql: deps.sql,
        prices: deps.prices,
        pubsub: deps.pubsub,
        search: deps.search,
        secrets: deps.secrets,
        jobs: deps.jobs,
        plugins: deps.plugins,
        requestId,
        logger: deps.logger.child({ requestId }),
      };
    },
    plugins: [
      // The armor messages name the limit and the value found ("Query depth limit of 12 exceeded, found 14.").
      maxTokensPlugin({ n: limits.maxTokens, onReject: [markLimitExceeded] }),
      maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, onReject: [markLimitExceeded] }),
      maxAliasesPlugin({ n: limits.maxAliases, onReject: [markLimitExceeded] }),
      costLimitPlugin({ maxCost: limits.maxCost, ignoreIntrospection: true, onReject: [markLimitExceeded] }),
      useOperationMetrics(deps.metrics),
    ],
  });
};

export type YogaServer = ReturnType<typeof createYogaServer>;
