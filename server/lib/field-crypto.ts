import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field-level encryption for phone and ID numbers (DOMAIN.md §8.3 数据保密性):
 * AES-256-GCM for the value, an HMAC-SHA256 blind index for exact search.
 * Both keys are derived from the one secret key so rotating it is one operation.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(kind: string, normalised: string): string;
}

export function makeFieldCrypto(secretKey: Buffer): FieldCrypto {
  const encKey = Buffer.from(hkdfSync('sha256', secretKey, 'onegrid', 'field-encryption-v1', 32));
  const macKey = Buffer.from(hkdfSync('sha256', secretKey, 'onegrid', 'blind-index-v1', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('v1.')) throw new Error('unknown ciphertext version');
      const buf = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, normalised) {
      return createHmac('sha256', macKey).update(`${kind}:${normalised}`).digest('hex');
    },
  };
}
