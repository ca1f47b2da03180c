import { ApiError, currentCsrfToken } from '../../../lib/api';
import type { CaseFile } from './types';

/** Largest file the server keeps (5 MB), checked here first so nobody waits for a doomed upload. */
export { CASE_FILE_MAX_BYTES } from '../../../../../common/cases';
export const CASE_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const CASE_FILE_TYPES = [...CASE_PHOTO_TYPES, 'application/pdf'];

/** Sends one photo or file as multipart/form-data (the JSON client cannot), with CSRF header and language. */
export async function uploadCaseFile(caseId: number, file: File, locale: string): Promise<CaseFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': locale });
  const token = currentCsrfToken();
  if (token) headers.set('x-csrf-token', token);
  let response: Response;
  try {
    response = await fetch(`/api/cases/${caseId}/files`, {
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
        ? (body as { error: { code?: string; message?: unknown; details?: unknown } }).error
        : undefined;
    const message = envelope?.message;
    const readable =
      typeof message === 'string'
        ? message
        : message && typeof message === 'object'
          ? String((message as Record<string, unknown>)[locale === 'en' ? 'en' : 'zh'] ?? '')
          : '';
    throw new ApiError(
      response.status,
      envelope?.code ?? `HTTP_${response.status}`,
      readable,
      envelope?.details,
    );
  }
  return body as CaseFile;
}

/** Uploads files one after another (phones on weak networks); stops at the first failure. */
export async function uploadCaseFiles(caseId: number, files: File[], locale: string): Promise<CaseFile[]> {
  const out: CaseFile[] = [];
  for (const f of files) out.push(await uploadCaseFile(caseId, f, locale));
  return out;
}
