export {
  type AgentLoopClient,
  type AgentLoopClientOptions,
  createAgentLoopClient,
  type VariablesArgument,
} from './create-agentloop-client.js';
export * from './generated/graphql.js';
export type * from './generated/schema-types.js';
export {
  type AgentLoopGraphQLError,
  AgentLoopRequestError,
  type AgentLoopRequestErrorCode,
  type AgentLoopRequestErrorDetails,
} from './request-error.js';
