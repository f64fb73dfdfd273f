import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible HTTP server for tests and benchmarks: the real LangChain / OpenAI SDK client
 * path runs against it (HTTP, JSON, SSE, retries, timeouts), only the model is scripted.
 *
 * Endpoints: `POST /v1/chat/completions` (plain and `stream: true` SSE), `POST /v1/embeddings`
 * (float or base64 encoding, as the OpenAI SDK asks by default), `GET /v1/models`, and Anthropic's
 * `POST /v1/messages` (non-streaming) so the ChatAnthropic path can be exercised too.
 *
 * Chat replies come from a FIFO queue (`enqueue`), then from the default responder. Embeddings are
 * deterministic hashed bags of words (see {@link hashEmbedding}), so similar texts get similar vectors.
 */

/** Token counts put in a reply's `usage`; missing ones are estimated from word counts. */
export type StubUsage = { promptTokens?: number; completionTokens?: number };

/** A tool call the model "makes" (OpenAI `tool_calls`, Anthropic `tool_use`). */
export type StubToolCall = { name: string; arguments: unknown; id?: string };

/** A successful chat reply. `delayMs` holds the response back first (latency, timeouts). */
export type StubMessageReply = {
  content: string;
  usage?: StubUsage;
  delayMs?: number;
  toolCalls?: StubToolCall[];
  finishReason?: string;
};

/** An HTTP error. 429s carry `retry-after` when `retryAfterSeconds` is given. */
export type StubErrorReply = {
  status: number;
  retryAfterSeconds?: number;
  message?: string;
  /** OpenAI error code, e.g. `insufficient_quota` (which LangChain does not retry). */
  code?: string;
  delayMs?: number;
};

/** Never answers: the client's timeout or abort must end the request. */
export type StubHangReply = { hang: true };

/** What the stub does with one chat request. A plain string is the reply's text content. */
export type StubChatReply = string | StubMessageReply | StubErrorReply | StubHangReply;

/** What the stub does with one embeddings request: vectors (after an optional delay), an error or a hang. */
export type StubEmbeddingsReply = { delayMs?: number } | StubErrorReply | StubHangReply;

/** A recorded request, in arrival order. */
export type StubRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined for GET or an unparsable body). */
  body: any;
  receivedAt: number;
};

/** A chat request as the default responder sees it (OpenAI and Anthropic shapes flattened). */
export type StubChatRequest = StubRequest & {
  api: 'openai' | 'anthropic';
  model: string;
  /** Messages with their content flattened to text; Anthropic's `system` comes first as a system message. */
  messages: { role: string; content: string }[];
  /** The text of the last user message ('' if none). */
  lastUserMessage: string;
};

export type StubResponder = (request: StubChatRequest) => StubChatReply | Promise<StubChatReply>;

export type OpenAIStubOptions = {
  /** Default dimension of embedding vectors (a request's `dimensions` overrides it). Default 64. */
  embeddingDimensions?: number;
  /** Used when the queue is empty. Default: always `'OK'`. */
  defaultResponder?: StubResponder;
  /** Model ids listed by GET /v1/models. */
  models?: string[];
};

export type OpenAIStub = {
  /** `http://127.0.0.1:<port>` — use as Anthropic's `anthropicApiUrl`. */
  url: string;
  /** `http://127.0.0.1:<port>/v1` — use as OpenAI's `baseURL`. */
  baseURL: string;
  /** Appends chat replies, consumed one per chat request (OpenAI or Anthropic) in order. */
  enqueue(...replies: StubChatReply[]): void;
  /** Appends embeddings replies, consumed one per embeddings request; then vectors are returned. */
  enqueueEmbeddings(...replies: StubEmbeddingsReply[]): void;
  /** Replaces the responder used when the chat queue is empty. */
  setDefaultResponder(responder: StubResponder): void;
  /** Chat replies still queued. */
  readonly pending: number;
  /** Every request received, including retried ones. */
  readonly requests: readonly StubRequest[];
  /** Requests to the chat endpoints (OpenAI and Anthropic). */
  chatRequests(): StubRequest[];
  /** Requests to the embeddings endpoint. */
  embeddingRequests(): StubRequest[];
  /** Requests per endpoint. */
  readonly counts: { chat: number; embeddings: number; models: number; other: number };
  /** Requests being handled now, and the most seen at once (concurrency checks). */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Empties the queues and the request log, restores the default responder, zeroes max in-flight. */
  reset(): void;
  /** Stops the server, cutting hanging connections. */
  close(): Promise<void>;
};

const defaultResponder: StubResponder = () => 'OK';

/** Words as lowercase tokens; each Han character is its own token (no spaces between CJK words). */
const tokenize = (text: string): string[] => text.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];

/** FNV-1a, 32 bits. */
const fnv1a = (text: string, seed = 0x811c9dc5): number => {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/**
 * A deterministic embedding: a hashed bag of lowercased word tokens (signed feature hashing), L2
 * normalised. Texts sharing words have a high cosine similarity; unrelated texts are near 0.
 * An empty text gets a fixed unit vector so the result is always normalised.
 */
export const hashEmbedding = (text: string, dimensions: number): number[] => {
  const vector = new Array<number>(dimensions).fill(0);
  for (const token of tokenize(text)) {
    const index = fnv1a(token) % dimensions;
    vector[index] = (vector[index] as number) + ((fnv1a(token, 0x9747b28c) & 1) === 0 ? 1 : -1);
  }
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((x) => x / norm);
};

const wordCount = (text: string) => tokenize(text).length;

const contentToText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).join('');
  }
  return '';
};

const isError = (reply: StubChatReply | StubEmbeddingsReply): reply is StubErrorReply =>
  typeof reply === 'object' && 'status' in reply;
const isHang = (reply: StubChatReply | StubEmbeddingsReply): reply is StubHangReply =>
  typeof reply === 'object' && 'hang' in reply && reply.hang === true;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const readJson = async (request: IncomingMessage): Promise<any> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
};

const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

const errorType = (status: number) =>
  status === 429
    ? 'rate_limit_error'
    : status === 401
      ? 'authentication_error'
      : status >= 500
        ? 'api_error'
        : 'invalid_request_error';

const sendError = (response: ServerResponse, reply: StubErrorReply, api: 'openai' | 'anthropic') => {
  const message = reply.message ?? `stub error ${reply.status}`;
  const headers: Record<string, string> = {};
  if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
  const body =
    api === 'anthropic'
      ? { type: 'error', error: { type: errorType(reply.status), message } }
      : { error: { message, type: errorType(reply.status), code: reply.code ?? null, param: null } };
  sendJson(response, reply.status, body, headers);
};

/** Starts the stub on 127.0.0.1 with a free port. */
export const startOpenAIStub = async (options: OpenAIStubOptions = {}): Promise<OpenAIStub> => {
  const dimensions = options.embeddingDimensions ?? 64;
  const initialResponder = options.defaultResponder ?? defaultResponder;
  let responder = initialResponder;
  const chatQueue: StubChatReply[] = [];
  const embeddingsQueue: StubEmbeddingsReply[] = [];
  const requests: StubRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let completionCounter = 0;

  const nextChatReply = async (request: StubChatRequest): Promise<StubChatReply> =>
    chatQueue.length > 0 ? (chatQueue.shift() as StubChatReply) : await responder(request);

  /** Waits out a reply's delay; false if the client went away meanwhile. */
  const delay = async (response: ServerResponse, ms: number | undefined) => {
    if (ms && ms > 0) await sleep(ms);
    return !response.destroyed;
  };

  const normalise = (reply: StubChatReply): StubMessageReply | StubErrorReply | StubHangReply =>
    typeof reply === 'string' ? { content: reply } : reply;

  const usageOf = (reply: StubMessageReply, chat: StubChatRequest) => {
    const promptTokens =
      reply.usage?.promptTokens ??
      Math.max(
        1,
        chat.messages.reduce((sum, m) => sum + wordCount(m.content), 0),
      );
    const completionTokens = reply.usage?.completionTokens ?? Math.max(1, wordCount(reply.content));
    return { promptTokens, completionTokens };
  };

  const handleOpenAIChat = async (record: StubRequest, response: ServerResponse) => {
    const body = record.body ?? {};
    const messages = (Array.isArray(body.messages) ? body.messages : []).map((m: any) => ({
      role: String(m?.role ?? ''),
      content: contentToText(m?.content),
    }));
    const chat: StubChatRequest = {
      ...record,
      api: 'openai',
      model: String(body.model ?? ''),
      messages,
      lastUserMessage: [...messages].reverse().find((m) => m.role === 'user')?.content ?? '',
    };
    const reply = normalise(await nextChatReply(chat));
    if (isHang(reply)) return 'hang';
    if (!(await delay(response, reply.delayMs))) return;
    if (isError(reply)) return sendError(response, reply, 'openai');

    const id = `chatcmpl-stub-${++completionCounter}`;
    const created = Math.floor(Date.now() / 1000);
    const model = chat.model || 'stub-model';
    const { promptTokens, completionTokens } = usageOf(reply, chat);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      index,
      id: call.id ?? `call_stub_${completionCounter}_${index}`,
      type: 'function' as const,
      function: {
        name: call.name,
        arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
      },
    }));
    const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');

    if (body.stream === true) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = (delta: Record<string, unknown>, finish: string | null) =>
        send({
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
        });
      chunk({ role: 'assistant', content: '' }, null);
      // A few pieces so clients really assemble a stream.
      const pieces = reply.content.match(/[\s\S]{1,16}/g) ?? [];
      for (const piece of pieces) chunk({ content: piece }, null);
      if (toolCalls.length > 0) chunk({ tool_calls: toolCalls }, null);
      chunk({}, finishReason);
      if (body.stream_options?.include_usage) send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
      response.end('data: [DONE]\n\n');
      return;
    }
    sendJson(response, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.content,
            refusal: null,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls.map(({ index: _index, ...call }) => call) } : {}),
          },
          finish_reason: finishReason,
          logprobs: null,
        },
      ],
      usage,
    });
  };

  const handleAnthropicMessages = async (record: StubRequest, response: ServerResponse) => {
    const body = record.body ?? {};
    if (body.stream === true) {
      return sendError(response, { status: 400, message: 'the stub does not stream /v1/messages' }, 'anthropic');
    }
    const system = contentToText(body.system);
    const messages = [
      ...(system ? [{ role: 'system', content: system }] : []),
      ...(Array.isArray(body.messages) ? body.messages : []).map((m: any) => ({
        role: String(m?.role ?? ''),
        content: contentToText(m?.content),
      })),
    ];
    const chat: StubChatRequest = {
      ...record,
      api: 'anthropic',
      model: String(body.model ?? ''),
      messages,
      lastUserMessage: [...messages].reverse().find((m) => m.role === 'user')?.content ?? '',
    };
    const reply = normalise(await nextChatReply(chat));
    if (isHang(reply)) return 'hang';
    if (!(await delay(response, reply.delayMs))) return;
    if (isError(reply)) return sendError(response, reply, 'anthropic');
    const { promptTokens, completionTokens } = usageOf(reply, chat);
    const toolUses = (reply.toolCalls ?? []).map((call, index) => ({
      type: 'tool_use',
      id: call.id ?? `toolu_stub_${completionCounter + 1}_${index}`,
      name: call.name,
      input: typeof call.arguments === 'string' ? JSON.parse(call.arguments) : (call.arguments ?? {}),
    }));
    sendJson(response, 200, {
      id: `msg_stub_${++completionCounter}`,
      type: 'message',
      role: 'assistant',
      model: chat.model || 'stub-model',
      content: [...(reply.content ? [{ type: 'text', text: reply.content }] : []), ...toolUses],
      stop_reason: reply.finishReason ?? (toolUses.length > 0 ? 'tool_use' : 'end_turn'),
      stop_sequence: null,
      usage: { input_tokens: promptTokens, output_tokens: completionTokens },
    });
  };

  const handleEmbeddings = async (record: StubRequest, response: ServerResponse) => {
    const body = record.body ?? {};
    const reply: StubEmbeddingsReply = embeddingsQueue.length > 0 ? (embeddingsQueue.shift() as StubEmbeddingsReply) : {};
    if (isHang(reply)) return 'hang';
    if (!(await delay(response, reply.delayMs))) return;
    if (isError(reply)) return sendError(response, reply, 'openai');
    const inputs: string[] = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
    const size = Number.isInteger(body.dimensions) && body.dimensions > 0 ? body.dimensions : dimensions;
    const data = inputs.map((text, index) => {
      const vector = hashEmbedding(text, size);
      return {
        object: 'embedding',
        index,
        embedding: body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
      };
    });
    const tokens = inputs.reduce((sum, text) => sum + Math.max(1, wordCount(text)), 0);
    sendJson(response, 200, {
      object: 'list',
      data,
      model: String(body.model ?? 'stub-embedding'),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };

  const server = createServer(async (request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        inFlight--;
      }
    };
    response.on('close', settle);
    try {
      const path = (request.url ?? '/').split('?')[0] as string;
      const record: StubRequest = {
        method: request.method ?? 'GET',
        path,
        headers: request.headers,
        body: request.method === 'POST' ? await readJson(request) : undefined,
        receivedAt: Date.now(),
      };
      requests.push(record);
      const route = `${record.method} ${path}`;
      if (route === 'POST /v1/chat/completions') await handleOpenAIChat(record, response);
      else if (route === 'POST /v1/messages') await handleAnthropicMessages(record, response);
      else if (route === 'POST /v1/embeddings') await handleEmbeddings(record, response);
      else if (route === 'GET /v1/models') {
        sendJson(response, 200, {
          object: 'list',
          data: (options.models ?? ['stub-model', 'stub-embedding']).map((id) => ({
            id,
            object: 'model',
            created: 0,
            owned_by: 'agentloop-stub',
          })),
        });
      } else sendError(response, { status: 404, message: `the stub has no ${route}` }, 'openai');
    } catch (error) {
      sendError(response, { status: 500, message: `stub failure: ${(error as Error).message}` }, 'openai');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const pathOf = (kind: 'chat' | 'embeddings' | 'models' | 'other', path: string) =>
    kind === 'chat'
      ? path === '/v1/chat/completions' || path === '/v1/messages'
      : kind === 'embeddings'
        ? path === '/v1/embeddings'
        : kind === 'models'
          ? path === '/v1/models'
          : !['/v1/chat/completions', '/v1/messages', '/v1/embeddings', '/v1/models'].includes(path);

  return {
    url,
    baseURL: `${url}/v1`,
    enqueue: (...replies) => {
      chatQueue.push(...replies);
    },
    enqueueEmbeddings: (...replies) => {
      embeddingsQueue.push(...replies);
    },
    setDefaultResponder: (next) => {
      responder = next;
    },
    get pending() {
      return chatQueue.length;
    },
    requests,
    chatRequests: () => requests.filter((r) => pathOf('chat', r.path)),
    embeddingRequests: () => requests.filter((r) => pathOf('embeddings', r.path)),
    get counts() {
      const count = (kind: 'chat' | 'embeddings' | 'models' | 'other') => requests.filter((r) => pathOf(kind, r.path)).length;
      return { chat: count('chat'), embeddings: count('embeddings'), models: count('models'), other: count('other') };
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    reset: () => {
      chatQueue.length = 0;
      embeddingsQueue.length = 0;
      requests.length = 0;
      responder = initialResponder;
      maxInFlight = inFlight;
    },
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
};
