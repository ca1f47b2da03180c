import { ApiError, currentCsrfToken } from '../../../lib/api';
import type { VisitPhoto } from './types';

/** Largest photo the server keeps (5 MB); checked here first so nobody waits for a doomed upload. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Sends photos as multipart/form-data (the JSON client cannot), with the CSRF header and language. */
export async function uploadVisitPhotos(
  visitId: number,
  files: File[],
  locale: string,
): Promise<VisitPhoto[]> {
  const form = new FormData();
  for (const f of files) form.append('photos', f, f.name);
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': locale });
  const token = currentCsrfToken();
  if (token) headers.set('x-csrf-token', token);
  let response: Response;
  try {
    response = await fetch(`/api/visits/${visitId}/photos`, {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
    });
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
  return (body as { items: VisitPhoto[] }).items;
}
