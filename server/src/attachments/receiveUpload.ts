import type { Multipart } from '@fastify/multipart';
import { attachmentCaptionMaxLength, attachmentMaxSizeBytes } from '@tapak/core';
import { HttpProblem } from '../http/httpProblem.ts';
import { type ReceivedFile, receiveFile, removeQuietly } from './attachmentStore.ts';

/** The busboy limits for the upload route: one file, a caption, nothing big besides the file itself. */
export const multipartLimits = {
  files: 1,
  fields: 4,
  fieldSize: 4 * attachmentCaptionMaxLength,
  parts: 6,
  // A backstop only: the per-type limit in attachmentStore stops an oversize file first, with a clear message.
  fileSize: Math.max(...Object.values(attachmentMaxSizeBytes)) + 1,
};

export interface ReceivedUpload {
  file: ReceivedFile;
  clientFileName: string;
  caption: string | null;
}

const multipartProblems: Record<string, HttpProblem> = {
  FST_FILES_LIMIT: new HttpProblem('payload-too-large', {
    id: 'Unggah satu berkas per permintaan.',
    en: 'Upload one file per request.',
  }),
  FST_PARTS_LIMIT: new HttpProblem('payload-too-large', {
    id: 'Terlalu banyak bagian dalam formulir.',
    en: 'Too many parts in the form.',
  }),
  FST_FIELDS_LIMIT: new HttpProblem('payload-too-large', {
    id: 'Terlalu banyak isian dalam formulir.',
    en: 'Too many fields in the form.',
  }),
  FST_REQ_FILE_TOO_LARGE: new HttpProblem('payload-too-large', {
    id: 'Berkas melebihi batas ukuran.',
    en: 'The file exceeds the size limit.',
  }),
};

/**
 * busboy reports a malformed form (no boundary in the content type, a body cut short, a broken part header) as
 * a plain Error without a code: the sender's fault, so a 400 rather than a 500.
 */
const malformedMultipartMessage = /Boundary not found|unexpected end of multipart data|Malformed part header/i;

const malformedMultipart = new HttpProblem('bad-request', {
  id: 'Formulir multipart rusak atau terpotong: kirim ulang berkasnya.',
  en: 'The multipart form is malformed or cut short: send the file again.',
});

function asProblem(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && multipartProblems[code]) return multipartProblems[code];
  if (error instanceof Error && !(error instanceof HttpProblem) && malformedMultipartMessage.test(error.message))
    return malformedMultipart;
  return error;
}

/**
 * Reads a multipart/form-data upload: the `file` part is streamed to disk as it arrives (never buffered
 * whole), `caption` may come before or after it. Fields other than these are ignored.
 */
export async function receiveUpload(parts: AsyncIterable<Multipart>, uploadDir: string): Promise<ReceivedUpload> {
  let file: ReceivedFile | null = null;
  let clientFileName = '';
  let caption: string | null = null;
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          continue;
        }
        clientFileName = part.filename;
        file = await receiveFile(uploadDir, part.file);
      } else if (part.fieldname === 'caption' && typeof part.value === 'string') {
        if (part.valueTruncated || part.value.length > attachmentCaptionMaxLength) {
          throw new HttpProblem('bad-request', {
            id: `Keterangan foto paling banyak ${attachmentCaptionMaxLength} karakter.`,
            en: `A caption has at most ${attachmentCaptionMaxLength} characters.`,
          });
        }
        caption = part.value.trim() || null;
      }
    }
  } catch (error) {
    await removeQuietly(file?.tempPath ?? null);
    throw asProblem(error);
  }
  if (!file) {
    throw new HttpProblem('bad-request', {
      id: 'Formulir tidak berisi berkas: kirim bagian bernama "file".',
      en: 'The form holds no file: send a part named "file".',
    });
  }
  return { file, clientFileName, caption };
}
