import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../../../../common/cases.js';
import {
  checkEndpointUrl,
  eventTypeOf,
  MAX_ATTEMPTS,
  nextAttemptAt,
  RETRY_DELAYS_MINUTES,
  signatureOf,
  verifySignature,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
} from '../webhook-rules.js';

describe('webhook rules', () => {
  it('when listing event types, then case.created and one case.<action> per workflow action, each labelled', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(['case.created', ...CASE_ACTIONS.map((a) => `case.${a}`)]);
    for (const t of WEBHOOK_EVENT_TYPES) expect(WEBHOOK_EVENT_LABELS[t]?.zh).toBeTruthy();
    expect(eventTypeOf('create')).toBe('case.created');
    expect(eventTypeOf('dispatch')).toBe('case.dispatch');
  });

  it('when attempts fail, then retries follow 1 min, 5 min, 30 min, 2 h, 12 h and then stop', () => {
    const now = new Date('2026-11-02T00:00:00Z');
    const waits = [1, 2, 3, 4, 5].map((n) => (nextAttemptAt(n, now)!.getTime() - now.getTime()) / 60_000);
    expect(waits).toEqual([1, 5, 30, 120, 720]);
    expect(RETRY_DELAYS_MINUTES).toEqual(waits);
    expect(MAX_ATTEMPTS).toBe(6);
    expect(nextAttemptAt(6, now)).toBeNull();
    expect(nextAttemptAt(0, now)).toBeNull();
  });

  it('when signing, then the signature is the hex HMAC-SHA256 of "<timestamp>.<body>" with the secret', () => {
    const body = '{"id":"x","type":"case.created"}';
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(signatureOf('whsec_test', '1700000000', body)).toBe(`sha256=${expected}`);
  });

  it('when a receiver verifies, then a wrong secret, a changed body or a stale timestamp fail', () => {
    const body = '{"a":1}';
    const sig = signatureOf('s3cret', '1700000000', body);
    expect(verifySignature('s3cret', '1700000000', body, sig, 1700000100)).toBe(true);
    expect(verifySignature('other', '1700000000', body, sig, 1700000100)).toBe(false);
    expect(verifySignature('s3cret', '1700000000', '{"a":2}', sig, 1700000100)).toBe(false);
    expect(verifySignature('s3cret', '1700000000', body, sig, 1700000000 + 301)).toBe(false);
    expect(verifySignature('s3cret', 'abc', body, sig, 1700000000)).toBe(false);
    expect(verifySignature('s3cret', '1700000000', body, 'sha256=00', 1700000000)).toBe(false);
  });

  it('when checking endpoint URLs, then only http(s) with a host and no credentials pass', () => {
    expect(checkEndpointUrl('https://hooks.example.cn/onegrid')).toBeNull();
    expect(checkEndpointUrl('http://127.0.0.1:8080/x')).toBeNull();
    expect(checkEndpointUrl('ftp://example.cn/')?.en).toMatch(/http/);
    expect(checkEndpointUrl('not a url')?.zh).toBeTruthy();
    expect(checkEndpointUrl('https://user:pw@example.cn/')?.en).toMatch(/password/);
    expect(checkEndpointUrl('javascript:alert(1)')).not.toBeNull();
  });
});
