import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import type { Config } from '../../../config.js';
import type { CallContext } from '../../../context.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import { ensureCaseSetup } from '../../cases/case-setup.js';
import { parseXml, type XmlElement } from './xml.js';

// Shared set-up of the Open311 suites: the app on the run's engine, a small city with the case catalogue, an
// administrator who issues keys, and validators built from ./georeport-v2 (copies of the official JSON Schemas
// of open311/schema-validation, plus its Swagger definitions for the answers those schemas do not cover).

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA_DIR = path.resolve(HERE, 'georeport-v2');
const readSchema = (name: string) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8'));

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Swagger's vendor formats carry no constraint.
for (const f of ['uid', 'uint', 'double']) ajv.addFormat(f, true);
ajv.addSchema(readSchema('request.json'), 'request.json');
ajv.addSchema(readSchema('service.json'), 'service.json');

/** The Swagger definitions with every string field also allowed to be null, as the JSON Schemas allow. */
function nullable(schema: Record<string, unknown>): Record<string, unknown> {
  const props = schema.properties as Record<string, { type?: string }>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[k] = v.type ? { ...v, type: [v.type, 'null'] } : v;
  return { ...schema, properties: out };
}
const swagger = readSchema('swagger.json') as { definitions: Record<string, Record<string, unknown>> };

export const validators: Record<string, ValidateFunction> = {
  services: ajv.compile({ ...readSchema('services.json'), minItems: 1 }),
  serviceDefinition: ajv.compile({ ...readSchema('service-definition.json'), type: 'object' }),
  requests: ajv.compile(readSchema('requests.json')),
  request: ajv.compile({ $ref: 'request.json' }),
  postAnswer: ajv.compile({
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      ...nullable(swagger.definitions.RequestResponse),
      oneOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
    },
  }),
  token: ajv.compile({
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: { ...swagger.definitions.TokenResponse, required: ['service_request_id', 'token'] },
  }),
  // The Service Discovery specification: every field required.
  discovery: ajv.compile({
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: { type: 'string' },
      contact: { type: 'string' },
      key_service: { type: 'string' },
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          properties: {
            specification: { type: 'string', format: 'uri' },
            url: { type: 'string', format: 'uri' },
            changeset: { type: 'string' },
            type: { enum: ['production', 'test'] },
            formats: { type: 'array', minItems: 1, items: { enum: ['text/xml', 'application/json'] } },
          },
        },
      },
    },
  }),
  errors: ajv.compile({
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  }),
};

export type SchemaName = keyof typeof validators;

/** Asserts a JSON body against one validator and returns it. */
export function validJson<T = unknown>(res: LightMyRequestResponse, schema: SchemaName): T {
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = JSON.parse(res.body) as T;
  const validate = validators[schema];
  if (!validate(body))
    throw new Error(`${schema} schema: ${ajv.errorsText(validate.errors)}\n${res.body.slice(0, 500)}`);
  return body;
}

// ------------------------------------------------------------------------------------------------
// XML: parsed strictly, then mirrored into the JSON shape so both formats can be compared value by value.

const LISTS = new Set([
  'services',
  'attributes',
  'values',
  'service_requests',
  'errors',
  'endpoints',
  'formats',
  'notes',
]);

/** XML → the JSON value it stands for, every leaf as text ('' for an empty element). */
export function mirror(el: XmlElement): unknown {
  if (LISTS.has(el.name)) return el.children.map(mirror);
  if (el.children.length === 0) return el.text;
  const out: Record<string, unknown> = {};
  for (const c of el.children) {
    if (c.name in out) throw new Error(`repeated <${c.name}> in <${el.name}>`);
    out[c.name] = mirror(c);
  }
  return out;
}

/** A JSON value with every leaf as the text XML would carry. */
export function asText(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(asText);
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, asText(x)]));
  return String(v);
}

/** Asserts an XML body: content type, declaration, well-formedness, the expected root; returns the root. */
export function validXml(res: LightMyRequestResponse, root: string): XmlElement {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const el = parseXml(res.body);
  expect(el.name).toBe(root);
  return el;
}

// ------------------------------------------------------------------------------------------------
// The world of a test.

export interface World {
  t: TestApp;
  city: Awaited<ReturnType<typeof makeCity>>;
  admin: Client;
  /** A realtime key landing at 政府大院社区. */
  key: string;
  keyId: number;
}

/** The rate limit on POST is off unless a suite asks for one (the property suite posts hundreds of requests). */
export async function makeWorld(config: Partial<Config> = {}): Promise<World> {
  const t = await buildTestApp({ open311RateLimitPerMinute: 0, ...config });
  const city = await makeCity(t.deps);
  await ensureCaseSetup(t.deps);
  await makeUser(t.deps, 'sysadmin', [{ role: 'admin', node: city.city }]);
  const admin = await login(t.app, 'sysadmin', TEST_PASSWORD);
  const res = await admin.post('/api/open311/keys', { name: '随手拍', nodeId: city.community.id });
  expect(res.statusCode).toBe(201);
  const { key, id } = res.json() as { key: string; id: number };
  return { t, city, admin, key, keyId: id };
}

export type Form = Record<string, string | string[]>;

export function encodeForm(form: Form): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

export function postRequest(
  w: World,
  form: Form,
  format: 'json' | 'xml' = 'json',
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return w.t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    payload: encodeForm(form),
  });
}

export const get = (w: World, url: string) => w.t.app.inject({ method: 'GET', url });

/** PUT as the signed-in administrator (the test client has no put). */
export const adminPut = (w: World, url: string, body: unknown) =>
  w.t.app.inject({
    method: 'PUT',
    url,
    payload: body as object,
    headers: { cookie: w.admin.cookie, 'x-csrf-token': w.admin.csrf },
  });

/** A valid report of a leaking flat; override what a test varies. */
export function leak(w: World, extra: Form = {}): Form {
  return {
    api_key: w.key,
    service_code: 'MS01',
    lat: '37.857',
    long: '113.563',
    address_string: '虎尾沟社区 3号楼 2单元 601',
    description: '卫生间顶棚漏水，已经三天了',
    ...extra,
  };
}

/** Creates one request over Open311 and returns its number. */
export async function report(w: World, extra: Form = {}): Promise<string> {
  const res = await postRequest(w, leak(w, extra));
  if (res.statusCode !== 200) throw new Error(`POST failed ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as Array<{ service_request_id: string }>)[0].service_request_id;
}

/** Rows written by the Open311 channel (for "nothing is written" checks). */
export async function counts(w: World) {
  const db = w.t.deps.db;
  const n = async (table: 'cases' | 'case_events' | 'open311_requests' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('c'))
          .executeTakeFirstOrThrow()
      ).c,
    );
  return {
    cases: await n('cases'),
    events: await n('case_events'),
    requests: await n('open311_requests'),
    audit: await n('audit_log'),
  };
}

/** A staff call context on the community, to move cases through the workflow with the cases service. */
export async function staff(w: World, username: string, role: Role, node: NodeRef): Promise<CallContext> {
  const u = await makeUser(w.t.deps, username, [{ role, node }], { displayName: username });
  return {
    deps: w.t.deps,
    locale: 'zh-CN',
    audit: { actorId: u.id, actorName: username, ip: '127.0.0.1', requestId: 'test' },
    actor: {
      userId: u.id,
      username,
      displayName: username,
      sessionId: 'test',
      csrfToken: 'test',
      locale: 'zh-CN',
      totpEnabled: false,
      mustSetupTotp: false,
      mustChangePassword: false,
      assignments: [
        { id: 1, role, nodeId: node.id, nodePath: node.path, nodeName: node.name, nodeLevel: 'community' },
      ],
    },
  };
}

/** The case id of a request number. */
export async function caseIdOf(w: World, number: string): Promise<number> {
  const r = await w.t.deps.db
    .selectFrom('open311_requests')
    .select('case_id')
    .where('case_number', '=', number)
    .executeTakeFirstOrThrow();
  return r.case_id;
}
