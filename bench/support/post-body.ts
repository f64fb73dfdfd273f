import http from 'node:http';

export type PostAnswer = { status: number; body: Buffer };

export type BodyPoster = {
  post(body: Uint8Array, signal: AbortSignal): Promise<PostAnswer>;
  close(): void;
};

/**
 * POSTs ready-made bodies to one URL over kept-alive node:http connections, one per worker. Not
 * fetch: the load generator shares the 2 cores with the server it measures, and fetch copies each
 * body (cloneAsUint8Array) and streams it through web streams, about 1.6 ms of CPU per 750 KB
 * batch that the server then did not get.
 */
export const createBodyPoster = (url: string, headers: Record<string, string>, connections: number): BodyPoster => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return {
    post: (body, signal) =>
      new Promise((resolve, reject) => {
        const request = http.request(
          url,
          { method: 'POST', agent, signal, headers: { ...headers, 'content-length': String(body.byteLength) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
    close: () => agent.destroy(),
  };
};
