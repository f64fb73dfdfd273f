import { request } from 'node:http';

export type Upload = {
  /** Writes a chunk, waiting for the socket to drain when it asks to. */
  write(chunk: string): Promise<void>;
  /** Ends the body; the response follows. */
  end(): void;
  /** Cuts the connection off mid-body, as a client that went away. */
  abort(): void;
  response: Promise<{ status: number; json: any }>;
};

/**
 * A POST whose body the test writes piece by piece, so it can act (subscribe, kill the server)
 * while the server is in the middle of reading it.
 */
export const startUpload = (url: string, key: string): Upload => {
  const req = request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
  });
  const response = new Promise<{ status: number; json: any }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
  });
  // An aborted upload rejects; tests that abort do not await the response.
  response.catch(() => {});
  return {
    write: (chunk) =>
      new Promise((resolve) => {
        if (req.write(chunk)) resolve();
        else req.once('drain', () => resolve());
      }),
    end: () => req.end(),
    abort: () => req.destroy(),
    response,
  };
};

/** The whole body at once. */
export const upload = async (url: string, key: string, body: string) => {
  const started = startUpload(url, key);
  await started.write(body);
  started.end();
  return started.response;
};
