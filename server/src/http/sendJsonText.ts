import type { FastifyReply } from 'fastify';

/**
 * Sends JSON text that PostGIS already built. Fastify passes a string with a JSON content type through
 * untouched, so large GeoJSON is neither parsed nor re-serialised; the route's response schema still
 * documents its shape in OpenAPI.
 */
export function sendJsonText(reply: FastifyReply, json: string, contentType = 'application/json; charset=utf-8') {
  return (reply as FastifyReply).type(contentType).send(json);
}
