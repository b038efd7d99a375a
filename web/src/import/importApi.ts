import { type Sent, send, sendForm } from '../api/client.ts';
import type { ParcelAttributes } from '../api/types.ts';
import type { ImportCommitResult, ImportPreview } from './importTypes.ts';

/**
 * Step 1: the file itself is the request body (the server reads the format from the content), sent with
 * XMLHttpRequest so the dialog can show upload progress (a fraction of 1 means the server is reading it).
 */
export async function previewParcelImport(
  file: Blob,
  options: { crs?: string | undefined; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<ImportPreview> {
  // A file in metres without a named coordinate system (a bare CSV in UTM) needs the planner to say which.
  const query = options.crs ? `?crs=${encodeURIComponent(options.crs)}` : '';
  const { crs: _crs, ...upload } = options;
  const sent: Sent = await sendForm(`/api/import/parcels/preview${query}`, file, upload);
  return sent.data as ImportPreview;
}

export type ImportDefaults = Partial<Pick<ParcelAttributes, 'source' | 'owner_class' | 'legal_status' | 'status'>> & {
  tags?: string[];
};

/** Step 2: all features or none become parcels, with the planner's mapping and defaults. */
export async function commitParcelImport(
  importId: string,
  body: { mapping: Record<string, string | null>; defaults?: ImportDefaults },
): Promise<ImportCommitResult> {
  const sent = await send('POST', `/api/import/parcels/${encodeURIComponent(importId)}/commit`, { body });
  return sent.data as ImportCommitResult;
}
