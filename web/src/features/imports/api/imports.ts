import { useMutation } from '@tanstack/react-query';
import {
  ApiError,
  apiDownload,
  apiPost,
  buildQuery,
  currentCsrfToken,
  type QueryValue,
} from '../../../lib/api';
import type { CommitResult, DryRunResult, ImportKind, JobProgress } from './types';

export const templateUrl = (kind: ImportKind) => `/api/imports/templates/${kind}.xlsx`;

/** Opens a job first so the progress channel can be listened to before the upload starts. */
export const openJob = () => apiPost<{ token: string }>('/api/imports/jobs');

/**
 * Uploads a file for a dry run (XMLHttpRequest: fetch cannot report upload progress). Nothing is written.
 */
export function uploadDryRun(
  kind: ImportKind,
  file: File,
  opts: {
    nodeId?: number | null;
    token: string;
    locale: string;
    onUploadProgress?: (fraction: number) => void;
  },
): Promise<DryRunResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/${kind}/dry-run${buildQuery({ nodeId: opts.nodeId, token: opts.token })}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', opts.locale);
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onUploadProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', ''));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as DryRunResult);
      const env = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
        ?.error;
      reject(new ApiError(xhr.status, env?.code ?? `HTTP_${xhr.status}`, env?.message ?? '', env?.details));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const commitJob = (token: string) => apiPost<CommitResult>(`/api/imports/jobs/${token}/commit`);

export function useCommitImport() {
  return useMutation({ mutationFn: commitJob });
}

/** Listens to a job's progress (server-sent events); returns a function that stops listening. */
export function listenProgress(
  token: string,
  phase: 'validate' | 'commit',
  onEvent: (p: JobProgress) => void,
) {
  const source = new EventSource(`/api/imports/jobs/${token}/events?phase=${phase}`, {
    withCredentials: true,
  });
  source.addEventListener('progress', (e) => {
    try {
      const p = JSON.parse((e as MessageEvent<string>).data) as JobProgress;
      onEvent(p);
      const end = phase === 'validate' ? ['ready', 'committed', 'failed'] : ['committed', 'failed'];
      if (end.includes(p.state)) source.close();
    } catch {
      // a malformed event is skipped
    }
  });
  source.onerror = () => source.close();
  return () => source.close();
}

export const downloadTemplate = (kind: ImportKind, name: string) => apiDownload(templateUrl(kind), {}, name);
export const downloadErrors = (url: string) => apiDownload(url, {}, 'import-errors.xlsx');

export type ExportKind = 'residents' | 'households';
export const exportList = (kind: ExportKind, filters: Record<string, QueryValue>, reveal: boolean) =>
  apiDownload(
    `/api/imports/export/${kind}.xlsx`,
    { ...filters, reveal: reveal ? '1' : undefined },
    `${kind}.xlsx`,
  );
