import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

/** A byte stream of `text` cut into chunks of `chunkBytes`, to exercise chunk boundaries. */
export function textStream(text: string | Buffer, chunkBytes = 64 * 1024): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) chunks.push(bytes.subarray(start, start + chunkBytes));
  return Readable.from(chunks, { objectMode: false });
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Resolves to the error `promise` rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A fresh directory under os.tmpdir() for fixtures; never in the repository. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-boundaries-'));
}
