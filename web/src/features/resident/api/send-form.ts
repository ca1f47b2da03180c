import { ApiError, currentCsrfToken } from '../../../lib/api';

/**
 * Posts fields and photos as multipart/form-data (the JSON client cannot), with the language and, for signed-in
 * calls, the CSRF header. Errors come back as ApiError like everywhere else.
 */
export async function sendForm<T>(
  url: string,
  fields: Record<string, string | number | undefined>,
  photos: File[],
  locale: string,
): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') form.append(k, String(v));
  for (const f of photos) form.append('photos', f, f.name);
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': locale });
  const token = currentCsrfToken();
  if (token && !url.startsWith('/api/public/')) headers.set('x-csrf-token', token);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const envelope =
      body && typeof body === 'object' && 'error' in body
        ? (body as { error: { code?: string; message?: string; details?: unknown } }).error
        : undefined;
    throw new ApiError(
      response.status,
      envelope?.code ?? `HTTP_${response.status}`,
      envelope?.message ?? '',
      envelope?.details,
    );
  }
  return body as T;
}
