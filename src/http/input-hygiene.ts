import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { cleanInput, INPUT_LIMITS, jsonNestsDeeperThan } from '../shared/clean-input.js';
import { AppError } from '../shared/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every input is clean before any route sees it: JSON bodies must be valid UTF-8 (never silently replaced),
 * not too deep, and free of prototype pollution; every string of the body, the query and the path is NFC and
 * holds no NUL or lone surrogate (refused with 400 and a stable code, before PostgreSQL could fail on it).
 */
export function registerInputHygiene(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError('INVALID_ENCODING', 'Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (jsonNestsDeeperThan(text, INPUT_LIMITS.maxDepth)) {
      done(
        new AppError('INPUT_TOO_DEEP', `Dữ liệu lồng quá sâu (tối đa ${INPUT_LIMITS.maxDepth} cấp).`),
        undefined,
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      done(new AppError('VALIDATION_FAILED', 'Nội dung gửi lên không phải JSON hợp lệ.'), undefined);
      return;
    }
    try {
      done(null, cleanInput(parsed, 'body'));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addHook('preValidation', async (request) => {
    request.params = cleanInput(request.params, 'params') as typeof request.params;
    request.query = cleanInput(request.query, 'querystring') as typeof request.query;
  });
}
