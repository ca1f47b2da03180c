import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Visit photos on disk: checked by their first bytes (never by the name or the browser's claim), stored under
// <dataDir>/uploads/visits/ with a random key that says nothing about the household.

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_FILES = 9;
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

const EXT: Record<PhotoMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type by magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP RIFF….WEBP. */
export function sniffImage(buf: Uint8Array): PhotoMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length >= 8 && png.every((b, i) => buf[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...buf.subarray(from, to));
  if (buf.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export const photoDir = (dataDir: string) => path.join(dataDir, 'uploads', 'visits');

/** Resolves a stored key inside the photo folder; a key that would escape it resolves to null. */
export function photoPath(dataDir: string, key: string): string | null {
  if (!/^[0-9a-f]{32}\.(jpg|png|webp)$/.test(key)) return null;
  return path.join(photoDir(dataDir), key);
}

/** Writes the files and returns their keys; on any failure removes what it wrote. */
export async function storePhotos(
  dataDir: string,
  files: ReadonlyArray<{ mime: PhotoMime; data: Buffer }>,
): Promise<string[]> {
  const dir = photoDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys: string[] = [];
  try {
    for (const f of files) {
      const key = `${randomBytes(16).toString('hex')}.${EXT[f.mime]}`;
      await writeFile(path.join(dir, key), f.data, { mode: 0o600, flag: 'wx' });
      keys.push(key);
    }
  } catch (err) {
    await removePhotos(dataDir, keys);
    throw err;
  }
  return keys;
}

export async function removePhotos(dataDir: string, keys: readonly string[]) {
  for (const k of keys) {
    const p = photoPath(dataDir, k);
    if (p) await rm(p, { force: true });
  }
}

/** A file name safe to keep and show: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}]/gu, '').trim();
  return (cleaned || 'photo').slice(0, 200);
}
