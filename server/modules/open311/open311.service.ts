import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps } from '../../context.js';
import type { Open311RequestsTable } from '../../db/schema.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireGlobal } from '../../plugins/auth.js';
import { type AuditContext, appendAudit } from '../audit/audit.service.js';
import { findNodeByCode } from '../grid/grid.repository.js';
import {
  attributeDef,
  presentDefinition,
  presentRequest,
  presentService,
  type RequestOut,
  type ServiceOut,
  serviceNotice,
} from './open311.presenter.js';
import * as repo from './open311.repository.js';
import type { ServiceCategory } from './open311-cases.js';
import * as cases from './open311-cases.js';
import { bilingual, failure, type Open311Error, Open311Failure } from './open311-format.js';
import { resolveKey } from './open311-keys.service.js';
import {
  type ATTRIBUTE_DATATYPES,
  type AttributeDef,
  arg,
  caseTitle,
  charLength,
  DESCRIPTION_MAX,
  describeAnswers,
  type Fields,
  parseRequestQuery,
  readAttributes,
  readCreateInput,
  reporterName,
} from './open311-rules.js';

// Open311 GeoReport v2 use cases (docs/open311.md, ../shared/open311/README.md). Public: no session; POST needs an
// api_key issued by an administrator. Failures throw Open311Failure (404 unknown resource / service_code / token /
// jurisdiction; 403 bad api_key; 400 anything else) and nothing is written.

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** An unknown jurisdiction_id is 404; absent or empty means this deployment (it serves one jurisdiction). */
async function checkJurisdiction(deps: Deps, fields: Fields) {
  const id = arg(fields, 'jurisdiction_id');
  if (id === undefined) return;
  const node = await findNodeByCode(deps.db, id);
  if (!node || node.parent_id !== null || node.retired_at !== null)
    throw failure(404, `未知的 jurisdiction_id：${id}`, `jurisdiction_id not found: ${id}`);
}

/** Leaf categories are the services; the map is keyed by service_code. */
async function servicesByCode(deps: Deps): Promise<Map<string, ServiceCategory>> {
  return new Map((await cases.serviceCategories(deps)).map((s) => [s.code, s]));
}

async function definitionOf(deps: Deps, code: string): Promise<AttributeDef[]> {
  return (await repo.listAttributes(deps.db, [code])).map(attributeDef);
}

// ------------------------------------------------------------------------------------------------
// Discovery, services, service definitions

/** The Service Discovery document: where the endpoint is, what it speaks, how to get a key. */
export async function discovery(deps: Deps, endpointUrl: string) {
  const changed = [
    await repo.definitionsChangedAt(deps.db),
    ...(await cases.serviceCategories(deps)).map((s) => s.updatedAt),
  ]
    .filter((s): s is string => !!s)
    .sort()
    .at(-1);
  const changeset = changed ?? new Date(0).toISOString();
  return {
    changeset,
    contact: bilingual(
      '如需帮助，请联系所在社区或街道的系统管理员',
      'For help, contact the OneGrid administrator of your community or street office',
    ),
    key_service: bilingual(
      'api_key 由系统管理员签发（管理接口 POST /api/open311/keys），每个客户端一把，绑定受理网格',
      'Administrators issue one api key per client (POST /api/open311/keys), bound to the grid node that receives its requests',
    ),
    endpoints: [
      {
        specification: SPECIFICATION,
        url: endpointUrl,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/** GET services: every active leaf category, with metadata=true where it has attributes. */
export async function listServices(deps: Deps, fields: Fields): Promise<ServiceOut[]> {
  await checkJurisdiction(deps, fields);
  const services = await cases.serviceCategories(deps);
  const withAttributes = new Set((await repo.listAttributes(deps.db)).map((a) => a.service_code));
  return services.map((s) => presentService(s, withAttributes.has(s.code)));
}

/** GET a service definition: only for services with metadata=true; unknown code 404. */
export async function serviceDefinition(deps: Deps, code: string, fields: Fields) {
  await checkJurisdiction(deps, fields);
  if (!(await servicesByCode(deps)).has(code))
    throw failure(404, `未知的 service_code：${code}`, `service_code not found: ${code}`);
  const defs = await definitionOf(deps, code);
  if (!defs.length)
    throw failure(
      404,
      `服务 ${code} 没有附加字段（metadata=false），无需服务定义`,
      `service ${code} has no service definition (metadata=false)`,
    );
  return presentDefinition(code, defs);
}

// ------------------------------------------------------------------------------------------------
// POST service request

export interface PostAnswer {
  service_request_id?: string;
  token?: string;
  service_notice: string | null;
  account_id: string | null;
}

/**
 * Creates a case from an Open311 client: api_key (403), jurisdiction (404), service_code (400 missing, 404
 * unknown), then every argument problem at once (400). The case lands at the key's node with source `open311`;
 * the case, its timeline event, its audit record and the Open311 record commit together.
 */
export async function createRequest(deps: Deps, audit: AuditContext, fields: Fields): Promise<PostAnswer[]> {
  const key = await resolveKey(deps, arg(fields, 'api_key'));
  if (!key)
    throw failure(
      403,
      'api_key 缺失或无效，无法提交服务请求',
      'api_key is missing or invalid -- cannot create the service request',
    );
  await checkJurisdiction(deps, fields);
  const code = arg(fields, 'service_code');
  if (code === undefined) throw failure(400, '缺少 service_code', 'service_code is required');
  const service = (await servicesByCode(deps)).get(code);
  if (!service) throw failure(404, `未知的 service_code：${code}`, `service_code not found: ${code}`);

  const defs = await definitionOf(deps, code);
  const { input, errors } = readCreateInput(fields);
  const attrs = readAttributes(fields, defs);
  errors.push(...attrs.errors);
  // Cases keep a mobile number for call-backs (common/phone.ts); anything else cannot reach the reporter.
  if (input.phone !== null && !parseMobile(input.phone).ok)
    errors.push({
      code: 400,
      description: bilingual(
        `phone 须为 11 位手机号：${input.phone}`,
        `phone must be an 11-digit mainland mobile number: ${input.phone}`,
      ),
    });
  if (errors.length) throw new Open311Failure(400, errors);

  // Staff read the attribute answers on the case; the full answers stay in open311_requests.attributes.
  let description = input.description ?? caseTitle(service.nameZh, input);
  const lines = describeAnswers(defs, attrs.answers);
  if (lines.length) {
    const block = `\n\n【Open311 附加信息】\n${lines.join('\n')}`;
    const room = DESCRIPTION_MAX - charLength(description);
    if (room > 20) description += [...block].slice(0, room).join('');
  }
  const token = randomUUID();
  const name = reporterName(input.firstName, input.lastName);
  const created = await cases.createOpen311Case(
    deps,
    { ...audit, actorName: audit.actorName ?? `open311:${key.name}` },
    {
      categoryCode: code,
      nodeId: key.node_id,
      title: caseTitle(service.nameZh, input),
      description,
      address: input.addressString,
      lat: input.lat,
      lng: input.long,
      reporterName: name,
      reporterPhone: input.phone,
      externalId: token,
      clientName: key.name,
    },
    async (tx, c) => {
      await repo.insertRequest(tx, {
        case_id: c.id,
        case_number: c.number,
        token,
        key_id: key.id,
        service_code: code,
        requested_at: c.createdAt,
        address_id: input.addressId,
        media_url: input.mediaUrl,
        email_enc: input.email ? deps.crypto.encrypt(input.email) : null,
        device_id: input.deviceId,
        account_id: input.accountId,
        attributes: Object.keys(attrs.answers).length ? JSON.stringify(attrs.answers) : null,
      });
      await repo.touchKey(tx, key.id, c.createdAt);
      await appendAudit(
        tx,
        deps.kind,
        { ...audit, actorName: `open311:${key.name}` },
        {
          action: 'open311.request.create',
          entityType: 'case',
          entityId: c.id,
          nodeId: key.node_id,
          after: { number: c.number, serviceCode: code, keyId: key.id, token },
        },
        new Date(c.createdAt),
      );
    },
  );
  const notice = serviceNotice(service);
  return [
    key.mode === 'batch'
      ? { token, service_notice: notice, account_id: input.accountId }
      : { service_request_id: created.number, service_notice: notice, account_id: input.accountId },
  ];
}

// ------------------------------------------------------------------------------------------------
// GET service requests, one request, token

async function present(
  deps: Deps,
  rows: Selectable<Open311RequestsTable>[],
  extensions: boolean,
  services?: Map<string, ServiceCategory>,
): Promise<RequestOut[]> {
  if (!rows.length) return [];
  const views = await cases.loadCases(
    deps,
    rows.map((r) => r.case_id),
  );
  const byCode = services ?? (await servicesByCode(deps));
  const out: RequestOut[] = [];
  for (const r of rows) {
    const v = views.get(r.case_id);
    if (v) out.push(presentRequest(v, r, byCode.get(v.categoryCode), extensions));
  }
  return out;
}

const SCAN_CHUNK = 500;

/**
 * GET service requests: `service_request_id` (comma list) overrides the other filters; otherwise service_code,
 * start/end date (90 days at most, default the last 90), status open/closed, newest first, at most 1000 per answer.
 * Only requests that came in over Open311 are published (docs/open311.md "What is public").
 */
export async function listRequests(deps: Deps, fields: Fields): Promise<RequestOut[]> {
  await checkJurisdiction(deps, fields);
  const parsed = parseRequestQuery(fields, deps.clock.now());
  if (!parsed.ok) throw new Open311Failure(400, parsed.errors);
  const q = parsed.query;
  if (q.kind === 'ids') {
    const rows = await repo.findRequestsByNumbers(deps.db, q.ids);
    const order = new Map(q.ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.case_number)! - order.get(b.case_number)!);
    return present(deps, rows, q.extensions);
  }
  const services = await servicesByCode(deps);
  if (q.serviceCodes) {
    const unknown = q.serviceCodes.filter((c) => !services.has(c));
    if (unknown.length)
      throw new Open311Failure(
        404,
        unknown.map((c) => ({
          code: 404,
          description: bilingual(`未知的 service_code：${c}`, `service_code not found: ${c}`),
        })),
      );
  }
  const wanted = q.statuses ? new Set(q.statuses) : null;
  let skip = (q.page - 1) * q.pageSize;
  const out: RequestOut[] = [];
  let after: { at: string; caseId: number } | undefined;
  for (;;) {
    const rows = await repo.scanRequests(deps.db, {
      start: q.start.toISOString(),
      end: q.end.toISOString(),
      serviceCodes: q.serviceCodes,
      limit: SCAN_CHUNK,
      after,
    });
    for (const item of await present(deps, rows, q.extensions, services)) {
      if (wanted && !wanted.has(item.status)) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      out.push(item);
      if (out.length >= q.pageSize) return out;
    }
    if (rows.length < SCAN_CHUNK) return out;
    const last = rows[rows.length - 1];
    after = { at: last.requested_at, caseId: last.case_id };
  }
}

/** GET one service request by its number (SQ-2026-000123); 404 when no Open311 request has it. */
export async function getRequest(deps: Deps, id: string, fields: Fields): Promise<RequestOut[]> {
  await checkJurisdiction(deps, fields);
  const row = await repo.findRequestByNumber(deps.db, id);
  const out = row ? await present(deps, [row], arg(fields, 'extensions')?.toLowerCase() === 'true') : [];
  if (!out.length) throw failure(404, `未找到服务请求：${id}`, `service request not found: ${id}`);
  return out;
}

/** GET service_request_id from a token; unknown token 404. */
export async function tokenLookup(deps: Deps, token: string, fields: Fields) {
  await checkJurisdiction(deps, fields);
  const row = await repo.findRequestByToken(deps.db, token);
  if (!row) throw failure(404, `未知的 token：${token}`, `token not found: ${token}`);
  return [{ service_request_id: row.case_number, token: row.token }];
}

// ------------------------------------------------------------------------------------------------
// Administration of service definitions (settings.write)

export interface AttributeInput {
  code: string;
  variable?: boolean;
  datatype: (typeof ATTRIBUTE_DATATYPES)[number];
  required?: boolean;
  datatypeDescription?: string | null;
  order?: number;
  description?: string | null;
  values?: Array<{ key: string; name: string }>;
}

async function knownService(c: CallContext, code: string) {
  if (!(await servicesByCode(c.deps)).has(code)) throw new AppError('NOT_FOUND', 404);
}

/** The attributes of one service, for the settings screen. */
export async function getAttributes(c: CallContext, code: string): Promise<AttributeDef[]> {
  await requireGlobal(c, 'settings.write');
  await knownService(c, code);
  return definitionOf(c.deps, code);
}

/**
 * Replaces the attributes of one service (its service definition). Codes unique, list types with at least one
 * value and unique keys, orders unique positive integers. An empty list makes the service metadata=false.
 */
export async function putAttributes(
  c: CallContext,
  code: string,
  input: AttributeInput[],
): Promise<AttributeDef[]> {
  await requireGlobal(c, 'settings.write');
  await knownService(c, code);
  const problems: FieldProblem[] = [];
  const codes = new Set<string>();
  const orders = new Set<number>();
  input.forEach((a, i) => {
    const at = (f: string) => `attributes.${i}.${f}`;
    if (codes.has(a.code))
      problems.push({
        field: at('code'),
        code: 'duplicate',
        message: { zh: '属性代码重复', en: 'Duplicate attribute code' },
      });
    codes.add(a.code);
    const order = a.order ?? i + 1;
    if (orders.has(order))
      problems.push({
        field: at('order'),
        code: 'duplicate',
        message: { zh: '排序号重复', en: 'Duplicate order' },
      });
    orders.add(order);
    const isList = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
    const values = a.values ?? [];
    if (isList && values.length === 0)
      problems.push({
        field: at('values'),
        code: 'required',
        message: { zh: '列表类型至少需要一个选项', en: 'A list needs at least one value' },
      });
    if (!isList && values.length)
      problems.push({
        field: at('values'),
        code: 'not_list',
        message: { zh: '只有列表类型可以有选项', en: 'Only list types take values' },
      });
    if (new Set(values.map((v) => v.key)).size !== values.length)
      problems.push({
        field: at('values'),
        code: 'duplicate',
        message: { zh: '选项代码重复', en: 'Duplicate value key' },
      });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const now = c.deps.clock.now();
  const at = now.toISOString();
  const before = await definitionOf(c.deps, code);
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.replaceAttributes(
      tx,
      code,
      input.map((a, i) => ({
        code: a.code,
        variable: a.variable === false ? 0 : 1,
        datatype: a.datatype,
        required: a.required ? 1 : 0,
        datatype_description: a.datatypeDescription ?? null,
        sort: a.order ?? i + 1,
        description: a.description ?? null,
        options: JSON.stringify(a.values ?? []),
        updated_at: at,
      })),
    );
    await repo.markDefinitionsChanged(tx, at);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'open311.definition.update',
        entityType: 'open311_service',
        entityId: code,
        before: before.map((d) => d.code),
        after: input.map((a) => a.code),
      },
      now,
    );
  });
  return definitionOf(c.deps, code);
}

export type { Open311Error };
