/**
 * Where the next page of an officer's queue starts: the step due time and id of the last dossier shown. The
 * queue is ordered by (step due, id) with undated steps last, so a page continues after that pair instead of
 * skipping an offset — as fast on page 500 as on page 1, and stable while dossiers come and go.
 */
export interface QueueCursor {
  dueAt: number | null;
  id: number;
}

export function encodeQueueCursor(cursor: QueueCursor): string {
  return Buffer.from(`${cursor.dueAt ?? '-'}.${cursor.id}`, 'latin1').toString('base64url');
}

/** The cursor a client sent back, or null when it is not one this server wrote. */
export function decodeQueueCursor(text: string): QueueCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return null;
  const match = /^(-|\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString('latin1'));
  if (!match) return null;
  const id = Number(match[2]);
  const dueAt = match[1] === '-' ? null : Number(match[1]);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  if (dueAt !== null && !Number.isSafeInteger(dueAt)) return null;
  return { dueAt, id };
}
