import { type FormSpec, renderFormInThisThread } from './render.js';

/** Runs on a worker thread of the PDF pool. */
export default async function render(spec: FormSpec): Promise<Uint8Array> {
  return renderFormInThisThread(spec);
}
