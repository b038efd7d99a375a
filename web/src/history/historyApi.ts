import type { AuditEntry } from '@tapak/core/contracts/auth';
import { api, send } from '../api/client.ts';
import type { ParcelCollection } from '../api/types.ts';

export const historyApi = {
  /** Newest first. */
  parcelAudit: async (id: string, signal?: AbortSignal) =>
    ((await send('GET', `/api/parcels/${encodeURIComponent(id)}/audit`, { signal })).data as { entries: AuditEntry[] })
      .entries,
  deletedParcels: async (signal?: AbortSignal) =>
    (await send('GET', '/api/parcels/deleted', { signal })).data as ParcelCollection,
  restore: api.restoreParcel,
};
