import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import importParcels from './importParcels.ts';
import layerFeatures from './layerFeatures.ts';
import parcelExports from './parcelExports.ts';

/**
 * Exchange with the planners' tools: parcel downloads as KML, Shapefile, GeoPackage, CSV and XLSX, the Agrinas
 * proposal sheet, and the two-step parcel import. Registered by app.ts after the other routes.
 */
const interop: FastifyPluginAsyncZod = async (fastify) => {
  await fastify.register(parcelExports);
  await fastify.register(importParcels);
  await fastify.register(layerFeatures);
};
export default interop;
