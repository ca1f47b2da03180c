import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomFillSync,
} from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * Field-level encryption for phone and ID numbers (DOMAIN.md §8.3 数据保密性):
 * AES-256-GCM for the value, an HMAC-SHA256 blind index for exact search.
 * Both keys are derived from the one secret key so rotating it is one operation.
 *
 * Stored form: `v1.` + base64(iv[12] | tag[16] | ciphertext). Every IV is 12 fresh bytes from the CSPRNG; they are
 * drawn from a pooled buffer filled 64 KiB at a time (one OpenSSL call per ~5,000 values instead of one each), and
 * each slice of the pool is used once.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(kind: string, normalised: string): string;
  /**
   * Bulk form for imports: for each value, its ciphertext and its blind index under `kinds[i]`, as
   * [enc0, bidx0, enc1, bidx1, …] — exactly what encrypt and blindIndex return. Most of the batch is done on a
   * helper thread while this thread does the rest (`mainShare`, default a quarter), so the caller keeps a core busy
   * parsing the next rows.
   */
  sealMany(kinds: readonly string[], values: readonly string[], mainShare?: number): Promise<string[]>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const POOL_BYTES = 64 * 1024 - ((64 * 1024) % IV_BYTES);

// The helper thread runs this plain-JS copy of encrypt and blindIndex (an eval worker: it needs no TypeScript loader
// and no build step). The unit tests check its output against the functions below byte for byte.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createCipheriv, createHmac, createSecretKey, randomFillSync } = require('node:crypto');
const POOL = ${POOL_BYTES};
const pool = Buffer.allocUnsafe(POOL);
let next = POOL;
let keyId = -1;
let encKey = null;
let macKey = null;
function encrypt(plain) {
  if (next === POOL) { randomFillSync(pool); next = 0; }
  const iv = pool.subarray(next, next + 12);
  next += 12;
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  const ct = cipher.update(plain, 'utf8');
  cipher.final();
  const out = Buffer.allocUnsafe(28 + ct.length);
  iv.copy(out, 0);
  iv.fill(0);
  cipher.getAuthTag().copy(out, 12);
  ct.copy(out, 28);
  return 'v1.' + out.toString('base64');
}
parentPort.on('message', (m) => {
  try {
    if (m.keyId !== keyId) {
      encKey = createSecretKey(Buffer.from(m.enc));
      macKey = createSecretKey(Buffer.from(m.mac));
      keyId = m.keyId;
    }
    const out = new Array(m.values.length * 2);
    for (let i = 0; i < m.values.length; i++) {
      out[2 * i] = encrypt(m.values[i]);
      out[2 * i + 1] = createHmac('sha256', macKey).update(m.kinds[i] + ':' + m.values[i]).digest('hex');
    }
    parentPort.postMessage({ id: m.id, out });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});
`;

type Reply = { id: number; out?: string[]; error?: string };

/** One helper thread for the whole process, started on first use; it does not keep the process alive when idle. */
const helper = {
  worker: null as Worker | null,
  broken: false,
  seq: 0,
  waiting: new Map<number, { resolve: (v: string[]) => void; reject: (e: Error) => void }>(),
  start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.on('message', (m: Reply) => {
        const p = this.waiting.get(m.id);
        if (!p) return;
        this.waiting.delete(m.id);
        if (this.waiting.size === 0) w.unref();
        if (m.out) p.resolve(m.out);
        else p.reject(new Error(`field crypto helper: ${m.error}`));
      });
      const fail = (e: Error) => {
        this.broken = true;
        this.worker = null;
        for (const p of this.waiting.values()) p.reject(e);
        this.waiting.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`field crypto helper exited (${code})`)));
      w.unref();
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  },
  run(keyId: number, enc: Buffer, mac: Buffer, kinds: readonly string[], values: readonly string[]) {
    const w = this.start();
    if (!w) return null;
    const id = ++this.seq;
    const done = new Promise<string[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) w.ref();
    w.postMessage({ id, keyId, enc, mac, kinds, values });
    return done;
  },
};
let keyIds = 0;

export function makeFieldCrypto(secretKey: Buffer): FieldCrypto {
  const encRaw = Buffer.from(hkdfSync('sha256', secretKey, 'onegrid', 'field-encryption-v1', 32));
  const macRaw = Buffer.from(hkdfSync('sha256', secretKey, 'onegrid', 'blind-index-v1', 32));
  const encKey = createSecretKey(encRaw);
  const macKey = createSecretKey(macRaw);
  const keyId = ++keyIds;
  const pool = Buffer.allocUnsafe(POOL_BYTES);
  let next = POOL_BYTES;
  const self: FieldCrypto = {
    encrypt(plain) {
      if (next === POOL_BYTES) {
        randomFillSync(pool);
        next = 0;
      }
      const iv = pool.subarray(next, next + IV_BYTES);
      next += IV_BYTES;
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = cipher.update(plain, 'utf8');
      cipher.final(); // GCM is a stream mode: final() adds no bytes, it computes the tag
      const out = Buffer.allocUnsafe(IV_BYTES + TAG_BYTES + ct.length);
      iv.copy(out, 0);
      iv.fill(0); // a used IV never stays in the pool
      cipher.getAuthTag().copy(out, IV_BYTES);
      ct.copy(out, IV_BYTES + TAG_BYTES);
      return `v1.${out.toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('v1.')) throw new Error('unknown ciphertext version');
      const buf = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, IV_BYTES));
      decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
    blindIndex(kind, normalised) {
      return createHmac('sha256', macKey).update(`${kind}:${normalised}`).digest('hex');
    },
    async sealMany(kinds, values, mainShare = 0.25) {
      const n = values.length;
      const here = n < 64 ? n : Math.min(n, Math.ceil(n * mainShare));
      const away =
        here < n
          ? helper.run(keyId, encRaw, macRaw, kinds.slice(here), values.slice(here))?.catch(() => null)
          : null;
      const out: string[] = new Array(2 * n);
      for (let i = 0; i < here; i++) {
        out[2 * i] = self.encrypt(values[i]);
        out[2 * i + 1] = self.blindIndex(kinds[i], values[i]);
      }
      if (here === n) return out;
      const rest = away ? await away : null;
      for (let i = here; i < n; i++) {
        // the helper thread is gone (or never started): this thread does its part
        out[2 * i] = rest ? rest[2 * (i - here)] : self.encrypt(values[i]);
        out[2 * i + 1] = rest ? rest[2 * (i - here) + 1] : self.blindIndex(kinds[i], values[i]);
      }
      return out;
    },
  };
  return self;
}
