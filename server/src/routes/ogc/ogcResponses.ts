import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendJsonText } from '../../http/sendJsonText.ts';
import type { FeaturePage } from '../../repositories/ogcRepository.ts';
import { mediaTypes } from './ogcDocuments.ts';
import { itemsLinks } from './ogcLinks.ts';

const geoJsonType = `${mediaTypes.geoJson}; charset=utf-8`;

/**
 * Sends a page of features: the envelope (counts, time stamp, paging links) around the feature array that
 * PostgreSQL wrote. The array is spliced in as text, never parsed.
 */
export function sendFeatureCollection(
  request: FastifyRequest,
  reply: FastifyReply,
  collectionId: string,
  page: FeaturePage,
  paging: { limit: number; offset: number },
) {
  const links = itemsLinks(request, collectionId, { ...paging, ...page });
  const json =
    `{"type":"FeatureCollection","numberMatched":${page.numberMatched},"numberReturned":${page.numberReturned},` +
    `"timeStamp":${JSON.stringify(new Date().toISOString())},"links":${JSON.stringify(links)},` +
    `"features":${page.featuresJson}}`;
  return sendJsonText(reply, json, geoJsonType);
}

export function sendFeature(reply: FastifyReply, featureJson: string) {
  return sendJsonText(reply, featureJson, geoJsonType);
}
