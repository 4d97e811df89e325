import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../../shared/errors.js';
import type { FormSpec } from './render.js';

let pool: Piscina | null = null;

/** At most this many forms wait for a thread; beyond it the server says it is busy instead of piling up. */
const MAX_QUEUE = 64;

function renderPool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./render-worker.ts', import.meta.url).href,
    // Workers load TypeScript the way the server does.
    execArgv: ['--import', 'tsx'],
    // One thread stays warm once a form has been asked for: starting one costs seconds.
    minThreads: 1,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeout: 30_000,
    maxQueue: MAX_QUEUE,
  });
  return pool;
}

/** Renders a form as a PDF on a worker thread, so the event loop keeps answering while it is drawn. */
export async function renderForm(spec: FormSpec): Promise<Buffer> {
  try {
    return Buffer.from((await renderPool().run(spec)) as Uint8Array);
  } catch (error) {
    if ((error as Error).message?.includes('Task queue is at limit'))
      throw new AppError('SERVER_BUSY', 'Máy chủ đang bận tạo nhiều biểu mẫu; vui lòng thử lại sau ít phút.');
    throw error;
  }
}

/** Ends the worker threads (at shutdown). */
export async function closeRenderPool(): Promise<void> {
  await pool?.destroy();
  pool = null;
}
