/** Stable error codes for programs, with the HTTP status they map to. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  /** A string with NUL or a lone UTF-16 surrogate. */
  INVALID_TEXT: 400,
  /** A body that is not valid UTF-8. */
  INVALID_ENCODING: 400,
  INPUT_TOO_DEEP: 400,
  INPUT_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** A cookie-authenticated write sent from a page that is not ours (cross-site request forgery). */
  CROSS_ORIGIN_REFUSED: 403,
  NOT_FOUND: 404,
  PROCEDURE_NOT_FOUND: 404,
  AGENCY_NOT_FOUND: 404,
  CALENDAR_YEAR_NOT_FOUND: 404,
  PROCEDURE_GROUP_NOT_FOUND: 404,
  /** A change of the national procedure database that is not waiting for a decision (decided, or never taken in). */
  DRAFT_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  CONFLICT: 409,
  DOSSIER_NOT_FOUND: 404,
  ACTION_NOT_ALLOWED: 409,
  DOSSIER_CLOSED: 409,
  VERSION_CONFLICT: 409,
  SUPPLEMENT_WINDOW_CLOSED: 409,
  APOLOGY_TOO_LATE: 409,
  APPOINTMENT_ALREADY_RESET: 409,
  CONSULTATION_PENDING: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  NO_PUBLISHED_PROCESS: 409,
  PROCEDURE_NOT_OFFERED: 409,
  /** Stored catalogue data that no valid edit could have produced (e.g. an absurd time limit). */
  PROCEDURE_MISCONFIGURED: 409,
  FEEDBACK_NOT_FOUND: 404,
  /** The feedback's life cycle does not allow the action in its current status. */
  FEEDBACK_ACTION_NOT_ALLOWED: 409,
  FEEDBACK_ALREADY_RATED: 409,
  /** A feedback item holds as many files as the settings allow. */
  FEEDBACK_ATTACHMENT_LIMIT: 413,
  FEEDBACK_ATTACHMENT_NOT_FOUND: 404,
  /** The dossier has not been returned yet, so it cannot be rated. */
  RATING_NOT_OPEN: 409,
  /** The dossier's rating is older than the window in which it may be changed. */
  RATING_WINDOW_CLOSED: 409,
  RATING_EXISTS: 409,
  RATINGS_ALREADY_PUBLISHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** An upload whose bytes are not one of the accepted types, or not the type it claims. */
  UNSUPPORTED_FILE_TYPE: 415,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_NOT_ALLOWED: 400,
  FILE_CORRUPT: 422,
  SIGNATURE_INVALID: 422,
  /** A virus scanner found something in an uploaded file; nothing was stored. */
  FILE_INFECTED: 422,
  /** A stored file's content is missing from the file store (it never should be). */
  FILE_MISSING: 404,
  UPLOAD_NOT_FOUND: 404,
  /** A dossier would hold more files or bytes than the configured limits allow. */
  DOSSIER_FILES_LIMIT: 413,
  /** The configured virus scanner did not answer: the upload is refused rather than stored unscanned. */
  SCANNER_UNAVAILABLE: 503,
  /** The agency has no signing key (certificate) in this deployment. */
  SIGNING_KEY_MISSING: 409,
  /** The remote signing service did not sign. */
  SIGNING_UNAVAILABLE: 502,
  WALLET_ITEM_NOT_FOUND: 404,
  SIGNED_DOCUMENT_NOT_FOUND: 404,
  TIMESTAMP_UNAVAILABLE: 502,
  RATE_LIMITED: 429,
  /** Too many failed logins for one login name: it is locked for a while (Retry-After says how long). */
  LOGIN_LOCKED: 429,
  /** The account signs in through the identity provider and has no password (to change or reset). */
  NO_PASSWORD: 409,
  /** Signing in through the identity provider failed: refused there, a stale or forged answer, or unreachable. */
  IDENTITY_LOGIN_FAILED: 401,
  IDENTITY_PROVIDER_UNAVAILABLE: 503,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  /** Heavy work (PDF rendering) has a full queue: try again shortly. */
  SERVER_BUSY: 503,
  /** The database refuses writes for lack of disk space (SQLSTATE 53100). */
  STORAGE_FULL: 507,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  field: string;
  message: string;
}

/** The one error type of the application: a stable code, a Vietnamese message for people, optional field issues. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export function invalid(fields: FieldIssue[], message = 'Dữ liệu không hợp lệ.'): AppError {
  return new AppError('VALIDATION_FAILED', message, fields);
}
