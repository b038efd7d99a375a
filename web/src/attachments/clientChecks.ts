import { attachmentMaxSizeBytes } from '@tapak/core/contracts/attachment';

/**
 * What the browser can refuse before sending: obviously wrong types and oversize files. The server decides
 * by the file's content anyway; this only spares a long upload that would be refused.
 */
export type ClientRefusal = { reason: 'type' } | { reason: 'size'; limitMegabytes: number };

const photoTypes = new Set(['image/jpeg', 'image/png']);

export function clientRefusal(file: File): ClientRefusal | null {
  const isPhoto = photoTypes.has(file.type) || /\.(jpe?g|png)$/i.test(file.name);
  const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
  if (!isPhoto && !isPdf) return { reason: 'type' };
  const limit = attachmentMaxSizeBytes[isPhoto ? 'photo' : 'document'];
  if (file.size > limit) return { reason: 'size', limitMegabytes: Math.round(limit / (1024 * 1024)) };
  return null;
}
