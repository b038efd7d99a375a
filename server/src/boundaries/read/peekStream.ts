import { Readable } from 'node:stream';

export interface PeekedStream {
  /** The first bytes of the stream (possibly fewer than wanted at end of input). */
  head: Buffer;
  /** A stream that yields `head` and then the rest of the original stream. */
  stream: Readable;
}

/**
 * Reads chunks from `source` until `isEnough(head)` holds, `maxBytes` are read or the input ends, then hands back
 * those bytes together with a stream replaying them. Sniffing a format this way reads a chunk or two, never the
 * whole file, and unlike `unshift` it also works when the input is shorter than what we wanted to look at.
 * Destroying the returned stream destroys `source` (so a file descriptor or an HTTP body is released).
 */
export async function peekStream(
  source: Readable,
  isEnough: (head: Buffer) => boolean,
  maxBytes: number,
): Promise<PeekedStream> {
  const iterator: AsyncIterator<unknown> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let headBytes = 0;
  let sourceEnded = false;
  try {
    while (headBytes < maxBytes) {
      const next = await iterator.next();
      if (next.done) {
        sourceEnded = true;
        break;
      }
      const chunk = toBuffer(next.value);
      chunks.push(chunk);
      headBytes += chunk.length;
      if (isEnough(Buffer.concat(chunks))) break;
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  const head = Buffer.concat(chunks);

  let headPushed = false;
  let pulling = false;
  const replay = new Readable({
    read() {
      if (!headPushed) {
        headPushed = true;
        if (head.length > 0 && !this.push(head)) return;
      }
      if (sourceEnded) {
        this.push(null);
        return;
      }
      if (pulling) return;
      pulling = true;
      // push() below asks for the next chunk by itself (Readable calls read() again while under the high-water mark).
      iterator.next().then(
        (next) => {
          pulling = false;
          if (next.done) {
            sourceEnded = true;
            this.push(null);
          } else {
            this.push(toBuffer(next.value));
          }
        },
        (error: unknown) => {
          pulling = false;
          this.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
    destroy(error, callback) {
      // Destroy the source directly rather than through iterator.return(): that would wait for a pending read,
      // which on a stalled network body may never come.
      if (!source.destroyed) source.destroy();
      callback(error);
    },
  });
  return { head, stream: replay };
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('peekStream: expected a byte stream');
}
