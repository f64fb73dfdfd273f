/**
 * AgentLoop's own evaluator packages. They are loaded by package name through the same resolver,
 * import and checks as any third-party package (server/package.json depends on them), so the
 * plugin interface is proven by our own use.
 */
export const BUILTIN_PLUGIN_PACKAGES: readonly string[] = Object.freeze([
  '@agentloop/evaluator-code-checks',
  '@agentloop/evaluator-general',
  '@agentloop/evaluator-rag',
  '@agentloop/evaluator-tool-use',
  '@agentloop/evaluator-agent',
  '@agentloop/evaluator-llm-judge',
]);
