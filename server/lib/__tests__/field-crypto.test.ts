import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeFieldCrypto } from '../field-crypto.js';

// The stored form `v1.<base64(iv|tag|ct)>` must stay readable across versions: these values were written by the
// first release of field-crypto (one randomBytes IV and Buffer keys per call) under the key below.
const KEY = Buffer.from('0123456789abcdef'.repeat(4), 'hex');
const WRITTEN_BEFORE = {
  id: 'v1.7wAdbPH8GK+Ax8+Uh2IJkrTk1ljdybCLWgKMAvGQdYQm8ABlhdN+qpec+jBUxg==',
  phone: 'v1.Jh2EphN3NP6B6QNRPAvdugSWGSkpul4K7b+3sXow0WyOAo2qCFcf',
  empty: 'v1.gaoCc7Bxx0Di3LOA8GWbSIBi4BXJwWrztdIg2w==',
};

describe('field crypto', () => {
  it('when a value was encrypted by the earlier release, then it still decrypts', () => {
    const c = makeFieldCrypto(KEY);
    expect(c.decrypt(WRITTEN_BEFORE.id)).toBe('110105194912310021');
    expect(c.decrypt(WRITTEN_BEFORE.phone)).toBe('13812341234');
    expect(c.decrypt(WRITTEN_BEFORE.empty)).toBe('');
  });

  it('when blind indexes are computed, then they equal the earlier release (search keeps finding old rows)', () => {
    const c = makeFieldCrypto(KEY);
    expect(c.blindIndex('id_number', '110105194912310021')).toBe(
      '870dd83b68d283475946125f338d6d0282837f52ea0afc22d96cc6d494b5b4ea',
    );
    expect(c.blindIndex('phone', '13812341234')).toBe(
      '08faaee64f76a4157b24909d622ea9f88d87885d315a8454b39876ada8fb6005',
    );
  });

  it('when values are encrypted, then the stored form is v1.base64(iv|tag|ct), standard AES-256-GCM, a fresh IV each', () => {
    const c = makeFieldCrypto(KEY);
    const key = Buffer.from(hkdfSync('sha256', KEY, 'onegrid', 'field-encryption-v1', 32));
    const ivs = new Set<string>();
    // more than one 64 KiB IV pool's worth, so the pool is refilled at least once
    for (let i = 0; i < 12_000; i++) {
      const plain = i % 2 ? `1381234${String(i).padStart(4, '0')}` : `身份证${i}`;
      const stored = c.encrypt(plain);
      expect(stored.startsWith('v1.')).toBe(true);
      const buf = Buffer.from(stored.slice(3), 'base64');
      expect(buf.length).toBe(12 + 16 + Buffer.byteLength(plain));
      const iv = buf.subarray(0, 12);
      ivs.add(iv.toString('hex'));
      if (i % 997 === 0) {
        const d = createDecipheriv('aes-256-gcm', key, iv);
        d.setAuthTag(buf.subarray(12, 28));
        expect(Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8')).toBe(plain);
        expect(c.decrypt(stored)).toBe(plain);
      }
    }
    expect(ivs.size).toBe(12_000);
  });

  it('when a batch is sealed (partly on the helper thread), then each value equals encrypt + blindIndex', async () => {
    const c = makeFieldCrypto(KEY);
    const kinds: string[] = [];
    const values: string[] = [];
    for (let i = 0; i < 500; i++) {
      kinds.push(i % 2 ? 'phone' : 'id_number');
      values.push(
        i % 2 ? `1391234${String(i).padStart(4, '0')}` : `11010519491231${String(i).padStart(4, '0')}`,
      );
    }
    for (const share of [0.2, 0, 1]) {
      const out = await c.sealMany(kinds, values, share);
      expect(out.length).toBe(1000);
      for (let i = 0; i < values.length; i++) {
        expect(c.decrypt(out[2 * i])).toBe(values[i]);
        expect(out[2 * i + 1]).toBe(c.blindIndex(kinds[i], values[i]));
      }
    }
    // all of a batch on the helper thread: still standard AES-256-GCM under the same key
    const key = Buffer.from(hkdfSync('sha256', KEY, 'onegrid', 'field-encryption-v1', 32));
    const away = await c.sealMany(kinds, values, 0);
    const buf = Buffer.from(away[2].slice(3), 'base64');
    const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
    d.setAuthTag(buf.subarray(12, 28));
    expect(Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8')).toBe(values[1]);
    expect(await c.sealMany([], [])).toEqual([]);
  });

  it('when a stored value is tampered with or of an unknown version, then decrypt throws', () => {
    const c = makeFieldCrypto(KEY);
    const buf = Buffer.from(WRITTEN_BEFORE.phone.slice(3), 'base64');
    buf[buf.length - 1] ^= 1;
    expect(() => c.decrypt(`v1.${buf.toString('base64')}`)).toThrow();
    expect(() => c.decrypt('v2.abc')).toThrow(/unknown ciphertext version/);
  });
});
