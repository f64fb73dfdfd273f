import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { otlpHandler } from './accept-otlp-request.js';

const databaseError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('otlpHandler', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const answerTo = async (error: unknown) => {
    server = createServer(
      otlpHandler({ logger: pino({ level: 'silent' }) }, 'traces', async () => {
        throw error;
      }),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', body: '{}' });
    return { status: res.status, body: (await res.json()) as { message: string } };
  };

  it('answers 400 for a value the database refuses, since sending it again cannot succeed', async () => {
    const refused = await answerTo(databaseError('22P05', 'unsupported Unicode escape sequence'));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/refused a value in this batch \(unsupported Unicode escape sequence\); nothing/);
    expect((await answerTo(databaseError('54000', 'index row size 3000 exceeds btree maximum'))).status).toBe(400);
  });

  it('answers 503, which exporters retry, when the database is unavailable or anything else fails', async () => {
    expect((await answerTo(databaseError('57P01', 'terminating connection due to administrator command'))).status).toBe(503);
    expect((await answerTo(new Error('boom'))).status).toBe(503);
  });
});
