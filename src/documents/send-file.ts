import type { FastifyReply } from 'fastify';
import { foldForSearch } from '../shared/text.js';
import type { DocumentServices } from './services.js';

/** RFC 6266: an ASCII fallback and the exact name in UTF-8 (RFC 8187), so Vietnamese names survive. */
export function contentDisposition(name: string, inline = false): string {
  const ascii = foldForSearch(name.replace(/\.[^.]+$/, '')).replace(/ /g, '-') || 'tep';
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? '';
  const fallback = extension ? `${ascii}.${extension.toLowerCase()}` : ascii;
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams a stored file with the type found when it was received (never one the uploader claimed), told not
 * to be sniffed or cached by shared caches: these are people's papers.
 */
export async function sendFile(
  reply: FastifyReply,
  services: DocumentServices,
  file: { sha256: string; mime: string; name: string },
  options: { inline?: boolean } = {},
) {
  const stream = await services.files.open(file.sha256);
  return reply
    .header('content-type', file.mime)
    .header('content-disposition', contentDisposition(file.name, options.inline))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream);
}
