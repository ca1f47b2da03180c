import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CASE_FILE_MAX_BYTES } from '../../../common/cases.js';
import { cleanFileName, sniffImage } from '../visits/visit-photos.js';

// Case photos and files on disk (docs/domain/cases.md "Records"): ≤ 5 MB each, the type checked by the first bytes
// (JPEG, PNG, WebP as for visit photos, plus PDF), stored under <dataDir>/uploads/cases/ with a random key.

export const CASE_FILE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type CaseFileMime = (typeof CASE_FILE_MIMES)[number];
export { CASE_FILE_MAX_BYTES, cleanFileName };

const EXT: Record<CaseFileMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** The file type by magic bytes: the three photo types of visits, or a PDF (%PDF-). */
export function sniffCaseFile(buf: Uint8Array): CaseFileMime | null {
  const image = sniffImage(buf);
  if (image) return image;
  if (buf.length >= 5 && String.fromCharCode(...buf.subarray(0, 5)) === '%PDF-') return 'application/pdf';
  return null;
}

export const caseFileDir = (dataDir: string) => path.join(dataDir, 'uploads', 'cases');

/** Resolves a stored key inside the folder; a key that would escape it resolves to null. */
export function caseFilePath(dataDir: string, key: string): string | null {
  if (!/^[0-9a-f]{32}\.(jpg|png|webp|pdf)$/.test(key)) return null;
  return path.join(caseFileDir(dataDir), key);
}

export async function storeCaseFile(dataDir: string, mime: CaseFileMime, data: Buffer): Promise<string> {
  const dir = caseFileDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = `${randomBytes(16).toString('hex')}.${EXT[mime]}`;
  await writeFile(path.join(dir, key), data, { mode: 0o600, flag: 'wx' });
  return key;
}

export async function removeCaseFile(dataDir: string, key: string) {
  const p = caseFilePath(dataDir, key);
  if (p) await rm(p, { force: true });
}
