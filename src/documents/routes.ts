// The multipart plugin is registered by the server; this brings its request.file() into the types.
import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import type { Actor } from '../auth/roles.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import { procedureForIntake } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import { errorResponse } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { canSeeWalletItem, UPLOAD_ROLES, WALLET_OWNER_ROLES } from './policy.js';
import { readBounded, receiveUpload } from './receive-upload.js';
import { sendFile } from './send-file.js';
import type { DocumentServices } from './services.js';
import { storedFiles } from './store.js';
import { verifyByCode, verifyDroppedPdf } from './verify-document.js';
import { walletItemAccess, walletOf } from './wallet.js';
import { offersFor } from './wallet-match.js';

export interface DocumentRouteDeps {
  db: Kysely<Database>;
  documents: DocumentServices;
  today(): string;
  /** The dossiers module's read policy, for wallet items used in dossiers (injected: documents sits below dossiers). */
  canReadDossier(actor: Actor, code: string): Promise<boolean>;
}

const signatureSummary = z.object({
  signer: z.string().nullable(),
  organization: z.string().nullable(),
  signedAt: z.string().nullable(),
  valid: z.boolean(),
  intact: z.boolean(),
  trusted: z.boolean(),
  problems: z.array(z.string()),
});

export const uploadSchema = z.object({
  id: z.string(),
  name: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  mime: z.string(),
  kind: z.enum(['pdf', 'jpeg', 'png', 'tiff', 'docx', 'xlsx']),
  pages: z.number().nullable(),
  scan: z.enum(['clean', 'not_scanned']),
  scanner: z.string().nullable(),
  signatures: z.array(signatureSummary),
});

const walletItemSchema = z.object({
  id: z.number(),
  kind: z.enum(['document', 'result']),
  title: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  mime: z.string(),
  pages: z.number().nullable(),
  provenance: z.object({
    dossierCode: z.string(),
    agencyCode: z.string(),
    agencyName: z.string(),
    issuedAt: z.string(),
    signedBy: z.string().nullable(),
    validUntil: z.string().nullable(),
  }),
  uses: z.number(),
});

const verificationSchema = z.object({
  summary: z.string(),
  sha256: z.string(),
  signatures: z.array(
    z.object({
      signer: z.string().nullable(),
      organization: z.string().nullable(),
      issuer: z.string().nullable(),
      serialNumber: z.string().nullable(),
      signedAt: z.string().nullable(),
      timestamped: z.boolean(),
      timestampAuthority: z.string().nullable(),
      unaltered: z.boolean(),
      coversWholeFile: z.boolean(),
      trusted: z.boolean(),
      valid: z.boolean(),
      problems: z.array(z.string()),
    }),
  ),
  issued: z
    .object({
      verificationCode: z.string(),
      purpose: z.enum(['result', 'scan_seal']),
      dossierCode: z.string(),
      procedureName: z.string(),
      agencyName: z.string(),
      signedAt: z.string(),
      sameFile: z.boolean(),
    })
    .nullable(),
});

const multipart = z.any().describe('multipart/form-data: một tệp ở trường "file"');

export function documentRoutes(ctx: DocumentRouteDeps): FastifyPluginAsyncZod {
  const { db, documents } = ctx;
  return async (app) => {
    app.post(
      '/api/uploads',
      {
        config: { policy: signedIn(UPLOAD_ROLES, 'upload.own') },
        schema: {
          operationId: 'uploadFile',
          tags: ['documents'],
          summary:
            'Tải lên một tệp (PDF, ảnh chụp, DOCX, XLSX): kiểm tra loại theo nội dung, giới hạn, mã độc',
          consumes: ['multipart/form-data'],
          body: multipart,
          response: {
            201: uploadSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            413: errorResponse,
            422: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const part = await request.file();
        if (!part) throw new AppError('VALIDATION_FAILED', 'Chưa chọn tệp để tải lên.');
        const received = await receiveUpload(documents, db, actor.id, {
          stream: part.file,
          name: part.filename,
        });
        return reply.status(201).send(received);
      },
    );

    app.get(
      '/api/me/wallet',
      {
        config: { policy: signedIn(WALLET_OWNER_ROLES, 'wallet.own') },
        schema: {
          operationId: 'myWallet',
          tags: ['documents'],
          summary:
            'Kho dữ liệu của tôi: giấy tờ đã được chấp nhận và kết quả, kèm nguồn gốc; gợi ý cho một thủ tục',
          querystring: z.object({ procedure: z.string().min(1).max(40).optional() }),
          response: {
            200: z.object({
              items: z.array(walletItemSchema),
              total: z.number(),
              offers: z.array(z.object({ document: z.string(), itemIds: z.array(z.number()) })),
            }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const items = await walletOf(db, actor.id);
        let offers: { document: string; itemIds: number[] }[] = [];
        if (request.query.procedure) {
          const procedure = await procedureForIntake(db, request.query.procedure, ctx.today());
          if (!procedure)
            throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục ${request.query.procedure}.`);
          offers = offersFor(
            procedure.version.content.documents.map((d) => d.name),
            items.map((i) => ({ id: i.id, title: i.title, validUntil: i.provenance.validUntil })),
            ctx.today(),
          );
        }
        return { items, total: items.length, offers };
      },
    );

    app.get(
      '/api/wallet/:id/file',
      {
        config: { policy: signedIn('any', 'wallet.item') },
        schema: {
          operationId: 'getWalletFile',
          tags: ['documents'],
          summary:
            'Tệp của một mục trong kho dữ liệu (chủ sở hữu, hoặc cán bộ giải quyết hồ sơ đã dùng mục này)',
          params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          response: {
            200: z.any().describe('application/octet-stream'),
            400: errorResponse,
            401: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const item = await walletItemAccess(db, request.params.id);
        let readable = false;
        if (item && actor.role !== 'citizen')
          for (const code of item.usedIn) if (!readable) readable = await ctx.canReadDossier(actor, code);
        if (!item || !canSeeWalletItem(actor, { ownerId: item.owner_id }, readable))
          throw new AppError('WALLET_ITEM_NOT_FOUND', 'Không tìm thấy mục này trong kho dữ liệu.');
        const [stored] = await storedFiles(db, [item.sha256]);
        return sendFile(reply, documents, {
          sha256: item.sha256,
          mime: stored?.mime ?? 'application/octet-stream',
          name: item.file_name,
        });
      },
    );

    app.post(
      '/api/verify',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'verifySignedPdf',
          tags: ['documents'],
          summary:
            'Xác thực văn bản điện tử: ai ký, khi nào, có bị sửa đổi, có được tin cậy, thuộc hồ sơ nào',
          consumes: ['multipart/form-data'],
          body: multipart,
          response: { 200: verificationSchema, 400: errorResponse, 413: errorResponse, 422: errorResponse },
        },
      },
      async (request) => {
        const part = await request.file();
        if (!part) throw new AppError('VALIDATION_FAILED', 'Chưa chọn tệp PDF để xác thực.');
        const pdf = await readBounded(part.file, documents.limits.maxBytes);
        return verifyDroppedPdf(documents, db, pdf);
      },
    );

    app.get(
      '/api/verify/:code',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'verifyByCode',
          tags: ['documents'],
          summary: 'Xác thực văn bản điện tử theo mã in trên văn bản (mã QR)',
          params: z.object({ code: z.string().regex(/^[0-9A-Z]{12}$/, 'Mã xác thực gồm 12 chữ và số') }),
          response: { 200: verificationSchema, 400: errorResponse, 404: errorResponse },
        },
      },
      async (request) => verifyByCode(documents, db, request.params.code),
    );
  };
}
