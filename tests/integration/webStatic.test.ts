import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

/**
 * The built web app as the server sends it: the encodings written at build time (web/build/precompress.ts) are
 * sent as they are, hashed assets are cached for good, and index.html is checked on every load so a release
 * reaches planners at once. A small dist of our own, shaped like vite's output.
 */
describe(`web app files on ${testEngine()}`, () => {
  let t: TestApp;
  let dist: string;
  const script = `console.log(${JSON.stringify('Tapak '.repeat(400))});\n`;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tapak</title><div id="root"></div>');
    const asset = path.join(dist, 'assets', 'index-Ab12Cd34.js');
    fs.writeFileSync(asset, script);
    fs.writeFileSync(`${asset}.br`, brotliCompressSync(script));
    fs.writeFileSync(`${asset}.gz`, gzipSync(script));
    t = await createTestApp({ TAPAK_WEB_DIST: dist });
  });

  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends the brotli file written at build time to a browser that accepts it, cached for good', async () => {
    const response = await t.injectAs(null, {
      url: '/assets/index-Ab12Cd34.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gzip = await t.injectAs(null, { url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await t.injectAs(null, { url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': '' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('checks index.html on every load, also for a shared link into the app', async () => {
    const index = await t.injectAs(null, { url: '/', headers: { accept: 'text/html' } });
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toContain('<div id="root">');
    const deepLink = await t.injectAs(null, { url: '/?kel=32.75.01.1001', headers: { accept: 'text/html' } });
    expect(deepLink.body).toContain('<div id="root">');
  });
});
