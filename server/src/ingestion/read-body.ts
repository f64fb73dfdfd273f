import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { OtlpRequestError } from './otlp-request-error.js';

const tooLarge = (maxBytes: number) =>
  new OtlpRequestError(413, `Request body exceeds ${maxBytes} bytes (after decompression); send smaller batches`);

const collect = (stream: Readable, maxBytes: number, onTooLarge: () => void): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        onTooLarge();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, size));
    });
    stream.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
    // A client that hangs up mid-body must not leave the request pending forever.
    stream.on('close', () => {
      if (done) return;
      done = true;
      reject(new OtlpRequestError(400, 'The request body ended before it was complete'));
    });
  });

/**
 * Reads a request body of at most maxBytes, gunzipping `Content-Encoding: gzip` as it streams.
 * The limit applies to the decompressed bytes while they are produced, so a small gzip bomb is
 * stopped after maxBytes instead of being inflated into memory first.
 */
export const readBody = async (
  req: Readable & { headers: Record<string, string | string[] | undefined> },
  maxBytes: number,
): Promise<Buffer> => {
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (encoding === 'identity' || encoding === '') return collect(req, maxBytes, () => req.resume());
  if (encoding !== 'gzip') {
    throw new OtlpRequestError(415, `Unsupported Content-Encoding "${encoding}": send gzip or no encoding`);
  }
  const gunzip = createGunzip();
  let compressed = 0;
  let compressedTooLarge = false;
  req.on('data', (chunk: Buffer) => {
    compressed += chunk.length;
    if (compressed > maxBytes && !compressedTooLarge) {
      compressedTooLarge = true;
      gunzip.destroy(tooLarge(maxBytes));
    }
  });
  // pipe() does not forward errors; without this a broken upload would leave gunzip waiting.
  req.on('error', (error) => gunzip.destroy(error));
  req.on('close', () => {
    if (!req.readableEnded) gunzip.destroy(new OtlpRequestError(400, 'The request body ended before it was complete'));
  });
  req.pipe(gunzip);
  try {
    return await collect(gunzip, maxBytes, () => {
      req.unpipe(gunzip);
      req.resume();
      gunzip.destroy();
    });
  } catch (error) {
    req.unpipe(gunzip);
    req.resume();
    if (error instanceof OtlpRequestError) throw error;
    throw new OtlpRequestError(400, `Body is not valid gzip: ${(error as Error).message}`, { cause: error });
  }
};
