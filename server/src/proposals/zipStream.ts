import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * A zip archive written as a stream (fflate's streaming `Zip`), so a package of many sites with their photos
 * never sits whole in memory. Photos and PDFs are stored as they are (already compressed); text is deflated.
 * Writers wait for the reader between chunks, so a slow download slows the reading of files, not memory.
 */
export class ZipStream {
  readonly output: Readable;
  private readonly out = new PassThrough();
  private readonly zip: Zip;

  constructor() {
    this.output = this.out;
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.out.destroy(error);
        return;
      }
      // After a client went away the stream is destroyed; the rest of the archive is simply dropped.
      if (this.out.destroyed) return;
      this.out.write(chunk);
      if (final) this.out.end();
    });
  }

  addBytes(name: string, bytes: Uint8Array, compress: boolean): Promise<void> {
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    this.zip.add(entry);
    entry.push(bytes, true);
    return this.drained();
  }

  addText(name: string, text: string): Promise<void> {
    return this.addBytes(name, new TextEncoder().encode(text), true);
  }

  async addFile(name: string, filePath: string): Promise<void> {
    const entry = new ZipPassThrough(name);
    this.zip.add(entry);
    for await (const chunk of fs.createReadStream(filePath)) {
      entry.push(chunk as Buffer);
      await this.drained();
    }
    entry.push(new Uint8Array(0), true);
    await this.drained();
  }

  /** Whether the reader is gone (the download was cancelled): the writer can stop reading files. */
  get abandoned(): boolean {
    return this.out.destroyed;
  }

  end(): void {
    this.zip.end();
  }

  /** Stops the archive (the client sees a broken download rather than a zip that looks complete). */
  fail(error: Error): void {
    this.zip.terminate();
    this.out.destroy(error);
  }

  private drained(): Promise<void> {
    if (!this.out.writableNeedDrain || this.out.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.once('drain', done);
      this.out.once('close', done);
    });
  }
}
