import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../src/db/connection.js';
import { bearer } from './helpers.js';

/** A multipart/form-data body with one file in the field "file", as a browser sends it. */
export function multipart(name: string, bytes: Uint8Array, contentType = 'application/octet-stream') {
  const boundary = `----motcua${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A multipart/form-data body with a text field only: a form sent before a file was chosen. */
export function multipartWithoutFile() {
  const boundary = `----motcua${randomUUID()}`;
  return {
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`,
      'utf8',
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(app: FastifyInstance, token: string, name: string, bytes: Uint8Array) {
  const body = multipart(name, bytes);
  return app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
}

/** Uploads and asserts it was received; returns the upload's id. */
export async function uploaded(
  app: FastifyInstance,
  token: string,
  name: string,
  bytes: Uint8Array,
): Promise<string> {
  const response = await upload(app, token, name, bytes);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

/** Every file under a file store directory (the spool folder included). */
export async function storedPaths(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Rows in the documents tables: what a refused upload must not have added to. */
export async function documentRows(db: Db) {
  const count = async (table: 'uploads' | 'stored_files') => {
    const row = await db.kysely
      .withTables<{ uploads: { id: string }; stored_files: { sha256: string } }>()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { uploads: await count('uploads'), storedFiles: await count('stored_files') };
}
