import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from './read-body.js';

const request = (body: Buffer, headers: Record<string, string> = {}) =>
  Object.assign(Readable.from([body.subarray(0, 10), body.subarray(10)]), { headers });

describe('readBody', () => {
  it('reads plain and gzip bodies', async () => {
    const body = Buffer.from('{"resourceSpans":[]}');
    expect((await readBody(request(body), 100)).toString()).toBe(body.toString());
    const zipped = request(gzipSync(body), { 'content-encoding': 'gzip' });
    expect((await readBody(zipped, 100)).toString()).toBe(body.toString());
  });

  it('stops a gzip bomb at the decompressed limit', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    await expect(readBody(request(bomb, { 'content-encoding': 'gzip' }), 1024 * 1024)).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining('after decompression'),
    });
  });

  it('refuses a declared or actual size over the limit, broken gzip and unknown encodings', async () => {
    await expect(readBody(request(Buffer.alloc(10), { 'content-length': '5000' }), 100)).rejects.toMatchObject({ status: 413 });
    await expect(readBody(request(Buffer.alloc(200)), 100)).rejects.toMatchObject({ status: 413 });
    await expect(readBody(request(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }), 100)).rejects.toMatchObject({
      status: 400,
    });
    await expect(readBody(request(Buffer.alloc(1), { 'content-encoding': 'br' }), 100)).rejects.toMatchObject({ status: 415 });
  });

  it('does not hang when the upload breaks off, plain or gzip', async () => {
    const broken = (headers: Record<string, string>) => {
      const stream = new Readable({ read() {} });
      stream.push(gzipSync(Buffer.alloc(1000)).subarray(0, 20));
      setTimeout(() => stream.destroy(new Error('aborted')), 10);
      return Object.assign(stream, { headers });
    };
    await expect(readBody(broken({}), 10_000)).rejects.toThrow('aborted');
    await expect(readBody(broken({ 'content-encoding': 'gzip' }), 10_000)).rejects.toMatchObject({ status: 400 });
  });
});
