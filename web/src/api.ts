/** A refusal from the API: a stable code for programs, a Vietnamese message for people, field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  total: number;
}

interface Options {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the motcua API with the session cookie; throws ApiError for any refusal. */
export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng thử lại.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: { error?: { code?: string; message?: string; fields?: ApiError['fields'] } } | null = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page, say: people get a sentence, not a parser message.
    throw new ApiError(
      response.status,
      'BAD_RESPONSE',
      `Máy chủ trả lời không đúng định dạng (mã ${response.status}).`,
    );
  }
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? 'HTTP_ERROR',
      error.message ?? `Lỗi ${response.status}`,
      error.fields ?? [],
    );
  }
  return data as T;
}

/** Sends one file as multipart/form-data (field "file") and reads the JSON answer; refusals throw ApiError. */
export async function sendFile<T>(
  path: string,
  file: File,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body,
      headers: { accept: 'application/json', ...headers },
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng thử lại.');
  }
  const data = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'HTTP_ERROR',
      data?.error?.message ?? `Lỗi ${response.status}`,
    );
  return data as T;
}

/**
 * A failed call as error-summary entries: each field issue under keyOf(its path without "body.", its index),
 * any other failure under fallbackKey.
 */
export function errorsFrom(
  error: unknown,
  keyOf: (field: string, index: number) => string,
  fallbackKey: string,
): Record<string, string> {
  if (error instanceof ApiError && error.fields.length > 0) {
    return Object.fromEntries(
      error.fields.map((f, i) => [keyOf(f.field.replace(/^body\./, ''), i), f.message]),
    );
  }
  return { [fallbackKey]: (error as Error).message };
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
