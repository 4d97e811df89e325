import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseError } from '../db/database-errors.js';
import { AppError, type ErrorCode, type FieldIssue } from '../shared/errors.js';
import { wantsWebPage } from './web-app.js';

function body(code: ErrorCode, message: string, fields: FieldIssue[] = []) {
  return { error: { code, message, ...(fields.length > 0 ? { fields } : {}) } };
}

const CONTEXT_VI: Record<string, string> = {
  querystring: 'tham số truy vấn',
  body: 'nội dung yêu cầu',
  params: 'đường dẫn',
  headers: 'tiêu đề',
};

/** Maps every error to a stable code and a Vietnamese message; never sends a stack trace. */
export function registerErrorHandling(app: FastifyInstance, options: { webPage: Buffer | null }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof AppError ? error : databaseError(error);
    if (known) {
      if (known.code === 'DATABASE_UNAVAILABLE') {
        request.log.warn({ code: (error as { code?: string }).code }, 'database unavailable');
        reply.header('retry-after', '5');
      } else if (!(error instanceof AppError)) {
        // A database refusal caused by the request: logged by its code only (its text may quote personal data).
        request.log.info({ sqlstate: (error as { code?: string }).code }, 'database refused the request');
      }
      return reply.status(known.status).send(body(known.code, known.message, known.fields));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext ?? 'body';
      const fields = error.validation.map((issue) => ({
        field: [context, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'Giá trị không hợp lệ',
      }));
      return reply
        .status(400)
        .send(
          body('VALIDATION_FAILED', `Dữ liệu không hợp lệ trong ${CONTEXT_VI[context] ?? context}.`, fields),
        );
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send(body('PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn.'));
    if (status === 415)
      return reply
        .status(415)
        .send(body('UNSUPPORTED_FILE_TYPE', 'Kiểu dữ liệu gửi lên không được nhận ở đường dẫn này.'));
    if (status === 429)
      return reply.status(429).send(body('RATE_LIMITED', 'Quá nhiều yêu cầu, vui lòng thử lại sau.'));
    if (status >= 400 && status < 500) {
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', 'Yêu cầu không hợp lệ (sai định dạng dữ liệu).'));
    }
    // The message (and the stack's first line, which repeats it) may quote input or a row: not logged.
    request.log.error(
      { err: { type: error.name, code: error.code, stack: error.stack?.split('\n').slice(1).join('\n') } },
      'unhandled error',
    );
    return reply.status(500).send(body('INTERNAL', 'Đã có lỗi hệ thống. Vui lòng thử lại sau.'));
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.webPage && wantsWebPage(request.method, request.url)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(options.webPage);
    }
    return reply
      .status(404)
      .send(body('NOT_FOUND', `Không tìm thấy đường dẫn ${request.method} ${request.url.split('?')[0]}.`));
  });
}
