import type { Attachment, AttachmentList, PhotoPointCollection } from '@tapak/core/contracts/attachment';
import { send, sendForm } from '../api/client.ts';

const parcelPath = (parcelId: string) => `/api/parcels/${encodeURIComponent(parcelId)}`;

/** The attachment endpoints; every write goes through the api client (CSRF header, problem+json errors). */
export const attachmentsApi = {
  list: async (parcelId: string, signal?: AbortSignal) =>
    (await send('GET', `${parcelPath(parcelId)}/attachments`, { signal })).data as AttachmentList,
  photoPoints: async (parcelId: string, signal?: AbortSignal) =>
    (await send('GET', `${parcelPath(parcelId)}/photos.geojson`, { signal })).data as PhotoPointCollection,
  upload: async (
    parcelId: string,
    file: File,
    caption: string,
    options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
  ) => {
    const form = new FormData();
    // The caption first: the server then knows it before the (large) file streams in.
    if (caption.trim()) form.append('caption', caption.trim());
    form.append('file', file, file.name);
    return (await sendForm(`${parcelPath(parcelId)}/attachments`, form, options)).data as Attachment;
  },
  remove: async (attachmentId: string) => {
    await send('DELETE', `/api/attachments/${encodeURIComponent(attachmentId)}`);
  },
  proposalUrl: (parcelId: string) => `${parcelPath(parcelId)}/proposal.zip`,
};
