import type { DetectedMedia } from './detectMediaType.ts';

const maxFileNameLength = 120;

const extensionsOf: Record<DetectedMedia['mediaType'], string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
};

/**
 * A stored file name from whatever the client sent: no directories (both separators), no control or
 * bidirectional-override characters (which disguise "gpj.exe" as "exe.jpg"), none of the characters Windows
 * refuses, and an extension that matches the detected type, so the name never lies about the content when
 * the file is downloaded or unpacked from a proposal package.
 */
export function sanitiseFileName(clientName: string | undefined, media: DetectedMedia): string {
  const base = (clientName ?? '').split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!extensionsOf[media.mediaType].includes(extension)) name = `${name || 'lampiran'}.${media.extension}`;
  if (name.length > maxFileNameLength) {
    const suffix = name.slice(name.lastIndexOf('.'));
    name = `${name.slice(0, maxFileNameLength - suffix.length).trimEnd()}${suffix}`;
  }
  return name;
}

/**
 * A Content-Disposition value (RFC 6266): an ASCII fallback for old clients and the exact UTF-8 name in
 * `filename*` (RFC 8187). The stored name is already sanitised; quotes and backslashes are replaced again
 * here because the header syntax, not the file system, is at stake.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
