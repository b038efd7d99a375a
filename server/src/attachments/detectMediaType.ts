import type { AttachmentKind, AttachmentMediaType } from '@tapak/core';

export interface DetectedMedia {
  mediaType: AttachmentMediaType;
  kind: AttachmentKind;
  extension: string;
}

/** How many leading bytes `detectMediaType` needs to decide. */
export const mediaSignatureLength = 8;

const signatures: Array<{ bytes: number[]; media: DetectedMedia }> = [
  // JPEG: SOI marker followed by the first segment's marker byte.
  { bytes: [0xff, 0xd8, 0xff], media: { mediaType: 'image/jpeg', kind: 'photo', extension: 'jpg' } },
  // PNG: the fixed 8-byte signature (its CR LF / LF bytes also catch text-mode transfer damage).
  {
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    media: { mediaType: 'image/png', kind: 'photo', extension: 'png' },
  },
  // PDF: "%PDF-". Readers tolerate leading junk, but a stored file must start with the header itself.
  {
    bytes: [0x25, 0x50, 0x44, 0x46, 0x2d],
    media: { mediaType: 'application/pdf', kind: 'document', extension: 'pdf' },
  },
];

/**
 * The media type from a file's first bytes (magic numbers). The file name and the client's content type are
 * ignored on purpose: both are whatever the sender claims, and an .exe renamed .jpg must not be served back
 * as an image.
 */
export function detectMediaType(head: Uint8Array): DetectedMedia | null {
  for (const signature of signatures) {
    if (head.length < signature.bytes.length) continue;
    if (signature.bytes.every((byte, i) => head[i] === byte)) return signature.media;
  }
  return null;
}
