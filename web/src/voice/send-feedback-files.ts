import { sendFile } from '../api';

/**
 * Sends files to a feedback item with its key, one by one: each is checked on its own by the server, and a refused
 * file neither stops the others nor undoes the item. Answers which were taken and which refused, and why.
 */
export async function sendFeedbackFiles(
  code: string,
  accessKey: string,
  files: File[],
): Promise<{ done: string[]; refused: string[] }> {
  const done: string[] = [];
  const refused: string[] = [];
  for (const file of files) {
    try {
      await sendFile(`/api/feedback/${encodeURIComponent(code)}/attachments`, file, undefined, {
        'x-feedback-key': accessKey,
      });
      done.push(file.name);
    } catch (error) {
      refused.push(`${file.name}: ${(error as Error).message}`);
    }
  }
  return { done, refused };
}
