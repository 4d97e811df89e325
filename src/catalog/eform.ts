import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldIssue } from '../shared/errors.js';

/** Formats are checked for real: "2026-02-30" is not a date, "abc" not an e-mail. */
function formValidator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

const ajv = formValidator();
/** Compiled validators by procedure version: a version never changes, so neither does its e-form. */
const cache = new Map<number, ValidateFunction>();

const MESSAGES: Record<string, string> = {
  required: 'Bắt buộc nhập',
  type: 'Sai kiểu dữ liệu',
  format: 'Sai định dạng',
  enum: 'Giá trị không nằm trong danh sách cho phép',
  minLength: 'Quá ngắn',
  maxLength: 'Quá dài',
  pattern: 'Sai định dạng',
  minimum: 'Giá trị quá nhỏ',
  maximum: 'Giá trị quá lớn',
  additionalProperties: 'Trường không có trong tờ khai',
};

function issueOf(error: ErrorObject): FieldIssue {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return {
    field: ['body', 'formData', ...path].join('.'),
    message: MESSAGES[error.keyword] ?? 'Giá trị không hợp lệ',
  };
}

/**
 * Validates an e-form (tờ khai điện tử) against the JSON Schema of the procedure version the dossier is
 * received under; returns every problem at once.
 */
export function validateFormData(
  procedureVersionId: number,
  schema: Record<string, unknown>,
  data: unknown,
): FieldIssue[] {
  let validate = cache.get(procedureVersionId);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(procedureVersionId, validate);
  }
  return validate(data) ? [] : (validate.errors ?? []).map(issueOf);
}

/** Problems with an e-form schema a controller saves: it must compile, so every dossier can be validated. */
export function formSchemaProblems(schema: Record<string, unknown>, field: string): FieldIssue[] {
  try {
    formValidator().compile(schema);
    return [];
  } catch (error) {
    return [{ field, message: `Tờ khai điện tử không hợp lệ: ${(error as Error).message.slice(0, 300)}` }];
  }
}
