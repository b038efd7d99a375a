import type { FastifyRequest } from 'fastify';
import { type Link, mediaTypes } from './ogcDocuments.ts';

/**
 * Links of the OGC documents. They are absolute: GDAL resolves a link that starts with "/" against the
 * landing page URL (…/ogc), which would double the prefix.
 */

export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The absolute URL of a path under /ogc, e.g. ogcHref(request, '/collections'). */
export function ogcHref(request: FastifyRequest, path = ''): string {
  return `${origin(request)}/ogc${path}`;
}

export function requestHref(request: FastifyRequest): string {
  return `${origin(request)}${request.url}`;
}

export interface PageState {
  offset: number;
  limit: number;
  numberMatched: number;
  numberReturned: number;
}

/** The request URL with `offset` replaced: every other parameter is kept as the client sent it. */
function withOffset(request: FastifyRequest, offset: number): string {
  const url = new URL(request.url, origin(request));
  url.searchParams.set('offset', String(offset));
  return `${origin(request)}${url.pathname}?${url.searchParams.toString()}`;
}

export function itemsLinks(request: FastifyRequest, collectionId: string, page: PageState): Link[] {
  const links: Link[] = [
    { href: requestHref(request), rel: 'self', type: mediaTypes.geoJson, title: 'Halaman ini / This page' },
    {
      href: ogcHref(request, `/collections/${collectionId}`),
      rel: 'collection',
      type: mediaTypes.json,
      title: 'Koleksi / The collection',
    },
  ];
  if (page.offset + page.numberReturned < page.numberMatched && page.numberReturned > 0) {
    links.push({
      href: withOffset(request, page.offset + page.limit),
      rel: 'next',
      type: mediaTypes.geoJson,
      title: 'Halaman berikutnya / Next page',
    });
  }
  if (page.offset > 0) {
    links.push({
      href: withOffset(request, Math.max(0, page.offset - page.limit)),
      rel: 'prev',
      type: mediaTypes.geoJson,
      title: 'Halaman sebelumnya / Previous page',
    });
  }
  return links;
}

export function itemLinks(request: FastifyRequest, collectionId: string): Link[] {
  return [
    { href: requestHref(request), rel: 'self', type: mediaTypes.geoJson },
    { href: ogcHref(request, `/collections/${collectionId}`), rel: 'collection', type: mediaTypes.json },
  ];
}
