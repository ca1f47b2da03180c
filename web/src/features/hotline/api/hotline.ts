import { useMutation } from '@tanstack/react-query';
import { ApiError, apiDownload, apiPost, buildQuery, currentCsrfToken } from '../../../lib/api';
import type { HotlineCommit, HotlineDryRun, ReplyExportQuery } from './types';

// The 12345 exchange (docs/hotline-12345.md). Jobs live in the import job store, so progress comes from the
// registry import's SSE endpoint (listenProgress in features/imports).

export { listenProgress } from '../../imports/api/imports';

/** Opens a job first so the progress channel can be listened to before the upload starts. */
export const openHotlineJob = () => apiPost<{ token: string }>('/api/hotline/jobs');

/** Uploads a work-order file for a dry run (XMLHttpRequest, for upload progress). Nothing is written. */
export function uploadHotlineDryRun(
  file: File,
  opts: {
    nodeId?: number | null;
    token: string;
    locale: string;
    onUploadProgress?: (fraction: number) => void;
  },
): Promise<HotlineDryRun> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/hotline/dry-run${buildQuery({ nodeId: opts.nodeId, token: opts.token })}`);
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
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as HotlineDryRun);
      const env = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
        ?.error;
      const details = Array.isArray(env?.details) ? (env.details as Array<{ message?: unknown }>) : [];
      // a file-level problem says exactly what is wrong with the file: show that sentence
      const first = typeof details[0]?.message === 'string' ? details[0].message : null;
      reject(
        new ApiError(
          xhr.status,
          env?.code ?? `HTTP_${xhr.status}`,
          first ?? env?.message ?? '',
          env?.details,
        ),
      );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const commitHotlineJob = (token: string) =>
  apiPost<HotlineCommit>(`/api/hotline/jobs/${token}/commit`);

export function useCommitHotline() {
  return useMutation({ mutationFn: commitHotlineJob });
}

export const downloadHotlineTemplate = () =>
  apiDownload('/api/hotline/template.xlsx', {}, '12345工单导入模板.xlsx');
export const downloadHotlineReport = (url: string) => apiDownload(url, {}, '12345导入校验报告.xlsx');

/** The reply sheet for the hotline: orders called in [from, to] (Beijing dates), in the chosen states. */
export function exportReplies(q: ReplyExportQuery) {
  const params = new URLSearchParams({ from: q.from, to: q.to });
  for (const s of q.states) params.append('state', s);
  return apiDownload(
    `/api/hotline/export.xlsx?${params.toString()}`,
    {},
    `12345办理结果-${q.from}至${q.to}.xlsx`,
  );
}
