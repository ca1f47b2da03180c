import type { FastifyError, FastifyInstance } from 'fastify';
import { messageFor } from '../../common/errors.js';
import { pickLocale } from '../../common/i18n.js';
import { AppError, type FieldProblem } from '../errors.js';

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

function fieldOf(v: AjvIssue): string {
  const base = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = v.params?.missingProperty;
  if (typeof missing === 'string') return base ? `${base}.${missing}` : missing;
  const extra = v.params?.additionalProperty;
  if (typeof extra === 'string') return base ? `${base}.${extra}` : extra;
  return base || '(body)';
}

const FIELD_CODE: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'is required' },
  type: { zh: '类型不正确', en: 'has the wrong type' },
  minLength: { zh: '太短', en: 'is too short' },
  maxLength: { zh: '太长', en: 'is too long' },
  pattern: { zh: '格式不正确', en: 'has the wrong format' },
  enum: { zh: '不是允许的取值', en: 'is not an allowed value' },
  additionalProperties: { zh: '是未知字段', en: 'is not a known field' },
  minimum: { zh: '太小', en: 'is too small' },
  maximum: { zh: '太大', en: 'is too large' },
  format: { zh: '格式不正确', en: 'has the wrong format' },
};

/** One error shape for the whole API; 5xx never leaks internals. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    const zh = locale === 'zh-CN';
    if (err instanceof AppError) {
      const details = Array.isArray(err.details)
        ? err.details.map((d: FieldProblem) => ({
            field: d.field,
            code: d.code,
            message: d.message ? (zh ? d.message.zh : d.message.en) : messageFor(d.code, locale),
          }))
        : err.details;
      return reply
        .status(err.status)
        .send({ error: { code: err.code, message: messageFor(err.code, locale), details } });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const details = (fe.validation as AjvIssue[]).map((v) => {
        const field = fieldOf(v);
        const kw = v.keyword ?? 'invalid';
        const code = kw === 'required' ? 'required' : kw;
        const text = FIELD_CODE[code] ?? { zh: '无效', en: 'is invalid' };
        return { field, code, message: zh ? `${field} ${text.zh}` : `${field} ${text.en}` };
      });
      return reply.status(400).send({
        error: { code: 'VALIDATION_FAILED', message: messageFor('VALIDATION_FAILED', locale), details },
      });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe instanceof SyntaxError)) {
      return reply
        .status(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: messageFor('MALFORMED_JSON', locale) } });
    }
    if (fe.statusCode === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'RATE_LIMITED', message: messageFor('RATE_LIMITED', locale) } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({
        error: { code: fe.code ?? 'BAD_REQUEST', message: messageFor('VALIDATION_FAILED', locale) },
      });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: messageFor('INTERNAL', locale) } });
  });
}
