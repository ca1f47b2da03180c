/**
 * The one door to the OneGrid REST API (docs/api-core.md): cookies ride along, the chosen
 * language goes out as Accept-Language, state-changing requests carry the CSRF token, and every
 * failure comes back as an ApiError with the server's stable code.
 */

export interface ApiFieldError {
  field: string;
  code?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiFieldError[];
  /** Extra, code-specific data the server sent in `details` when it is not a field list (e.g. lockedUntil). */
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: unknown = undefined) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    const { fields, extra } = splitDetails(details);
    this.details = fields;
    this.extra = extra;
  }

  /** The message the server gave for one form field, if any. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Leave a 401 to the caller instead of sending the user to the login page (login, the session probe). */
  skipAuthRedirect?: boolean;
}

interface ApiConfig {
  getLocale: () => string;
  onUnauthorized: (error: ApiError) => void;
  fetchImpl: typeof fetch | undefined;
}

const CSRF_COOKIE = 'og_csrf';
const STATE_CHANGING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let memoryCsrfToken: string | null = null;

const defaultConfig: ApiConfig = {
  getLocale: () => readStoredLocale(),
  onUnauthorized: () => redirectToLogin(),
  fetchImpl: undefined,
};

let config: ApiConfig = { ...defaultConfig };

/** Lets the app shell plug in its language source, its 401 handling (router navigation) and, in tests, fetch. */
export function configureApi(overrides: Partial<ApiConfig>): void {
  config = { ...config, ...overrides };
}

export function resetApiConfig(): void {
  config = { ...defaultConfig };
  memoryCsrfToken = null;
}

/** Remembers the token from a login or /me answer, for browsers that hide the cookie from us. */
export function setCsrfToken(token: string | null | undefined): void {
  memoryCsrfToken = token ?? null;
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [rawKey, ...rest] = part.trim().split('=');
    if (rawKey === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return rest.join('=');
      }
    }
  }
  return null;
}

export function currentCsrfToken(): string | null {
  return readCookie(CSRF_COOKIE) ?? memoryCsrfToken;
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function buildHeaders(method: Method, hasBody: boolean): Headers {
  const headers = new Headers();
  headers.set('Accept', 'application/json');
  headers.set('Accept-Language', config.getLocale());
  if (hasBody) headers.set('Content-Type', 'application/json');
  if (STATE_CHANGING.has(method)) {
    const token = currentCsrfToken();
    if (token) headers.set('x-csrf-token', token);
  }
  return headers;
}

async function send(
  method: Method,
  path: string,
  options: RequestOptions,
  accept?: string,
): Promise<Response> {
  const hasBody = options.body !== undefined;
  const headers = buildHeaders(method, hasBody);
  if (accept) headers.set('Accept', accept);
  const doFetch = config.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${path}${buildQuery(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  if (!response.ok) {
    const error = await parseError(response);
    if (response.status === 401 && !options.skipAuthRedirect) config.onUnauthorized(error);
    throw error;
  }
  return response;
}

/** Sends one request and returns the parsed JSON body (undefined for 204 / empty bodies). */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', '');
  }
}

export function apiGet<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
  return apiRequest<T>('GET', path, options);
}

export function apiPost<T>(
  path: string,
  body?: unknown,
  options: Omit<RequestOptions, 'body'> = {},
): Promise<T> {
  return apiRequest<T>('POST', path, { ...options, body: body ?? {} });
}

export function apiPatch<T>(
  path: string,
  body: unknown,
  options: Omit<RequestOptions, 'body'> = {},
): Promise<T> {
  return apiRequest<T>('PATCH', path, { ...options, body });
}

export function apiDelete<T = void>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
  return apiRequest<T>('DELETE', path, options);
}

/** Downloads a file answer (an Excel export) and hands it to the browser under the server's file name. */
export async function apiDownload(path: string, query: Record<string, QueryValue>, fallbackName: string) {
  const response = await send('GET', path, { query }, '*/*');
  const blob = await response.blob();
  const name = fileNameFrom(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}

export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

async function parseError(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    const text = await response.text();
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  const envelope = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  const code = typeof envelope?.code === 'string' ? envelope.code : `HTTP_${response.status}`;
  const message = localizedMessage(envelope?.message);
  return new ApiError(response.status, code, message, envelope?.details);
}

function splitDetails(details: unknown): { fields: ApiFieldError[]; extra: Record<string, unknown> } {
  if (Array.isArray(details)) {
    const fields: ApiFieldError[] = [];
    for (const item of details) {
      if (isRecord(item) && typeof item.field === 'string') {
        fields.push({
          field: item.field,
          code: typeof item.code === 'string' ? item.code : undefined,
          message: localizedMessage(item.message),
        });
      }
    }
    return { fields, extra: {} };
  }
  if (isRecord(details)) return { fields: [], extra: details };
  return { fields: [], extra: {} };
}

// The server localises messages, but a {zh, en} pair is accepted too so nothing shows up blank.
function localizedMessage(message: unknown): string {
  if (typeof message === 'string') return message;
  if (isRecord(message)) {
    const en = typeof message.en === 'string' ? message.en : '';
    const zh = typeof message.zh === 'string' ? message.zh : '';
    return config.getLocale() === 'en' ? en || zh : zh || en;
  }
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const LOCALE_STORAGE_KEY = 'og_locale';

function readStoredLocale(): string {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function redirectToLogin(): void {
  if (typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  const next = encodeURIComponent(`${pathname}${search}`);
  window.location.assign(`/login?next=${next}`);
}
