import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The request id follows a request through async work, so any log line or masked error can quote it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = () => requestContext.getStore()?.requestId ?? null;

/** Honour a caller's x-request-id (tracing through proxies) when it is sane; otherwise mint one. */
export const requestIdFrom = (header: string | string[] | undefined) =>
  typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
