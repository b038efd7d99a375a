import { createHash } from 'node:crypto';

/**
 * The ETag of a tile is a hash of its bytes: any change that shows on the map changes it (an edit made
 * directly in SQL included, which a last-modified column would miss), and nothing else does.
 */
export function tileEtag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header (a list, `*`, weak tags) matches the current ETag (weak comparison). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
