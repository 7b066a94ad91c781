import type { ErrorBody, FieldError } from '#libs/contracts';

/**
 * A failed API call. `message` is meant for the user: it is the server's own message (already in the
 * language we asked for) or, when the server could not answer, a localised one of ours.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The server's error code (`INVALID_CREDENTIALS`, …) or ours: `NETWORK_ERROR`, `UNEXPECTED_RESPONSE`. */
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
    /** What the server sent besides the message (APPROVAL_STALE: the text as it is now). */
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The server's message for one field of a VALIDATION_FAILED error. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((entry) => entry.field === field)?.message;
  }
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON, unless it is a Blob (a file upload), which is sent as it is. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Send the session's access token (default). When it has expired the request is retried once with
   * a refreshed one; any other 401 on such a request means the session is over.
   */
  authenticated?: boolean;
  /** Send this token instead of the session's (the refresh itself): a 401 is then just an error. */
  bearer?: string;
}

export interface ApiClientOptions {
  /** Prefix of every path; `/api` because the API serves the web app from the same origin. */
  baseUrl: string;
  getAccessToken(): string | null;
  /**
   * Called when the access token of a request has expired: resolves with a fresh token to retry the
   * request with, or null when the session is over; rejects when the server could not be asked.
   */
  refreshAccessToken(): Promise<string | null>;
  /** The UI language, sent as `Accept-Language` so the server's messages match the UI. */
  getLanguage(): string;
  /** Called when an authenticated request is refused with 401. */
  onUnauthorized(): void;
  /** Messages for failures the server did not describe, in the UI language. */
  fallbackMessages: {
    network(): string;
    unexpected(status: number): string;
  };
  fetch?: typeof fetch;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  /** A file from the API (an export): the body as a Blob and the name the server suggests. */
  download(path: string, options?: Omit<RequestOptions, 'body'>): Promise<{ blob: Blob; filename: string | null }>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  /** Sends the request; resolves with a successful response, throws an ApiError for anything else. */
  async function send(method: string, path: string, requestOptions: RequestOptions, accept: string, retried = false): Promise<Response> {
    const { query, body, signal, authenticated = true, bearer } = requestOptions;
    const headers = new Headers({ Accept: accept, 'Accept-Language': options.getLanguage() });
    const sessionToken = authenticated && bearer === undefined ? options.getAccessToken() : null;
    const token = bearer ?? sessionToken;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const file = body instanceof Blob;
    if (body !== undefined) headers.set('Content-Type', file ? 'application/octet-stream' : 'application/json');

    let response: Response;
    try {
      response = await doFetch(options.baseUrl + path + queryString(query), {
        method,
        headers,
        body: body === undefined ? undefined : file ? body : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error; // the caller gave up; not a failure to report
      throw new ApiError(0, 'NETWORK_ERROR', options.fallbackMessages.network());
    }
    if (response.ok) return response;

    const error = await readError(response, options.fallbackMessages.unexpected);
    if (response.status === 401 && sessionToken) {
      if (error.code === 'TOKEN_EXPIRED' && !retried) {
        let fresh: string | null;
        try {
          fresh = await options.refreshAccessToken();
        } catch {
          // The server could not be asked: the session may well be alive, so the user stays signed in.
          throw error;
        }
        if (fresh) return send(method, path, requestOptions, accept, true);
      }
      options.onUnauthorized();
    }
    throw error;
  }

  async function request<T>(method: string, path: string, requestOptions: RequestOptions = {}): Promise<T> {
    const response = await send(method, path, requestOptions, 'application/json');
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      // Not JSON: most likely the SPA's index.html answering for a route the API does not have.
      throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', options.fallbackMessages.unexpected(response.status));
    }
  }

  async function download(path: string, requestOptions: RequestOptions = {}) {
    const response = await send('GET', path, requestOptions, '*/*');
    return { blob: await response.blob(), filename: attachmentName(response.headers.get('Content-Disposition')) };
  }

  return {
    request,
    get: (path, getOptions) => request('GET', path, getOptions),
    post: (path, body, postOptions) => request('POST', path, { ...postOptions, body }),
    download,
  };
}

/** The file name of `Content-Disposition: attachment; filename="…"; filename*=UTF-8''…`, if any. */
function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // malformed: fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || null;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readError(response: Response, unexpected: (status: number) => string): Promise<ApiError> {
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // A proxy's HTML page or an empty body: described below by our own message.
  }
  if (isErrorBody(parsed)) {
    const { code, message, fields, details } = parsed.error;
    return new ApiError(response.status, code, message, fields ?? [], details);
  }
  return new ApiError(response.status, 'UNEXPECTED_RESPONSE', unexpected(response.status));
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string' &&
    (!('fields' in error) || error.fields === undefined || Array.isArray(error.fields))
  );
}
