import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '../../../common/permissions.js';
import {
  BUILDING_TYPES,
  HOUSEHOLD_USES,
  ORG_KINDS,
  POLITICAL_STATUSES,
  RELATIONS,
} from '../../../common/registry.js';
import { TAG_SENSITIVITIES } from '../../../common/tags.js';
import { callContext } from '../../plugins/auth.js';
import * as registry from './registry.service.js';

// HTTP face of the registry (docs/api-registry.md "Tags", "Places", "People"). Handlers stay thin: the schema
// validates, the service scopes, authorises, writes with its audit row and presents.

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const strict = { additionalProperties: false } as const;
const Id = Type.Integer({ minimum: 1 });
const IdParams = Type.Object({ id: Id }, strict);
const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NullableStr = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const Dim = Type.Integer({ minimum: 1, maximum: 99 });
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Page = {
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};
const Lat = Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]);
const Lng = Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]);

const Localized = Type.Object({ zh: Str(50, 1), en: Str(80, 1) }, strict);
const TagFields = {
  name: Localized,
  symbol: Str(8, 1),
  color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
  sensitivity: literals(TAG_SENSITIVITIES),
  visibleRoles: Type.Array(literals(ROLES), { uniqueItems: true, maxItems: ROLES.length }),
  riskLevels: Type.Array(Str(20, 1), { uniqueItems: true, maxItems: 12 }),
  sort: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  active: Type.Boolean(),
};
const TagCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
    name: TagFields.name,
    symbol: TagFields.symbol,
    color: TagFields.color,
    appliesTo: literals(['household', 'person'] as const),
    sensitivity: TagFields.sensitivity,
    visibleRoles: Type.Optional(TagFields.visibleRoles),
    riskLevels: Type.Optional(TagFields.riskLevels),
    sort: Type.Optional(TagFields.sort),
    active: Type.Optional(TagFields.active),
  },
  strict,
);
const TagPatch = Type.Object(
  {
    name: Type.Optional(TagFields.name),
    symbol: Type.Optional(TagFields.symbol),
    color: Type.Optional(TagFields.color),
    sensitivity: Type.Optional(TagFields.sensitivity),
    visibleRoles: Type.Optional(TagFields.visibleRoles),
    riskLevels: Type.Optional(TagFields.riskLevels),
    sort: Type.Optional(TagFields.sort),
    active: Type.Optional(TagFields.active),
  },
  strict,
);

const BuildingFields = {
  number: Str(20, 1),
  name: Type.Optional(NullableStr(100)),
  address: Type.Optional(NullableStr(200)),
  type: literals(BUILDING_TYPES),
  units: Dim,
  floors: Dim,
  roomsPerFloor: Dim,
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
};
const BuildingCreate = Type.Object(
  { nodeId: Id, ...BuildingFields, createRooms: Type.Optional(Type.Boolean()) },
  strict,
);
const BuildingPatch = Type.Object(
  {
    number: Type.Optional(BuildingFields.number),
    name: BuildingFields.name,
    address: BuildingFields.address,
    type: Type.Optional(BuildingFields.type),
    units: Type.Optional(Dim),
    floors: Type.Optional(Dim),
    roomsPerFloor: Type.Optional(Dim),
    lat: BuildingFields.lat,
    lng: BuildingFields.lng,
  },
  strict,
);

const Use = literals(HOUSEHOLD_USES);
// Bounds against the building are checked in the service (400 ROOM_OUTSIDE_BUILDING lists each field).
const Room = Type.Integer({ minimum: 0, maximum: 999 });
const HouseholdCreate = Type.Object(
  { buildingId: Id, unitNo: Room, floor: Room, roomNo: Room, use: Use },
  strict,
);
const HouseholdPatch = Type.Object(
  { use: Type.Optional(Use), householderId: Type.Optional(Type.Union([Id, Type.Null()])) },
  strict,
);

const PersonFields = {
  name: Str(100, 1),
  idNumber: Type.Optional(NullableStr(32)),
  phone: Type.Optional(NullableStr(32)),
  birthDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
  sex: Type.Optional(Type.Union([literals(['male', 'female'] as const), Type.Null()])),
  relation: literals(RELATIONS),
  registeredHere: Type.Optional(Type.Boolean()),
  livingHere: Type.Optional(Type.Boolean()),
  politicalStatus: Type.Optional(literals(POLITICAL_STATUSES)),
  ethnicity: Type.Optional(NullableStr(20)),
  education: Type.Optional(NullableStr(20)),
  maritalStatus: Type.Optional(NullableStr(20)),
  occupation: Type.Optional(NullableStr(100)),
  employer: Type.Optional(NullableStr(100)),
  notes: Type.Optional(NullableStr(500)),
};
const ResidentCreate = Type.Object(
  { householdId: Id, ...PersonFields, movedInAt: Type.Optional(Type.Union([DateStr, Type.Null()])) },
  strict,
);
const ResidentPatch = Type.Object(
  {
    ...PersonFields,
    name: Type.Optional(PersonFields.name),
    relation: Type.Optional(PersonFields.relation),
  },
  strict,
);

const OrgCreate = Type.Object(
  {
    nodeId: Id,
    name: Str(200, 1),
    kind: literals(ORG_KINDS),
    creditCode: Type.Optional(NullableStr(32)),
    contactName: Type.Optional(NullableStr(100)),
    contactPhone: Type.Optional(NullableStr(32)),
    address: Type.Optional(NullableStr(200)),
    buildingId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  strict,
);

const idOf = (req: { params: unknown }) => (req.params as { id: number }).id;

/** People and places: tag dictionary, buildings, households, residents, organisations. */
export async function registryRoutes(app: FastifyInstance) {
  const tags = ['registry'];

  // --- tags
  app.get('/tags', { schema: { tags, summary: '标签字典 / Tag dictionary' } }, async (req) => ({
    items: await registry.listTags(callContext(req)),
  }));
  app.post(
    '/tags',
    { schema: { tags, summary: '新建标签 / Create tag', body: TagCreate } },
    async (req, reply) =>
      reply.status(201).send(await registry.createTag(callContext(req), req.body as registry.TagInput)),
  );
  app.patch(
    '/tags/:id',
    { schema: { tags, summary: '修改标签 / Edit tag', params: IdParams, body: TagPatch } },
    async (req) => registry.updateTag(callContext(req), idOf(req), req.body as registry.TagPatch),
  );

  // --- buildings
  app.get(
    '/buildings',
    {
      schema: {
        tags,
        summary: '楼栋列表 / Buildings',
        querystring: Type.Object({ nodeId: Type.Optional(Id), q: Type.Optional(Str(64)) }, strict),
      },
    },
    async (req) => ({
      items: await registry.listBuildings(callContext(req), req.query as { nodeId?: number; q?: string }),
    }),
  );
  app.get('/buildings/:id', { schema: { tags, params: IdParams } }, async (req) =>
    registry.getBuilding(callContext(req), idOf(req)),
  );
  app.post(
    '/buildings',
    { schema: { tags, summary: '新建楼栋 / Create building', body: BuildingCreate } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await registry.createBuilding(callContext(req), req.body as registry.BuildingInput)),
  );
  app.patch('/buildings/:id', { schema: { tags, params: IdParams, body: BuildingPatch } }, async (req) =>
    registry.updateBuilding(callContext(req), idOf(req), req.body as registry.BuildingPatch),
  );

  // --- households
  app.get(
    '/households',
    {
      schema: {
        tags,
        summary: '房屋（户）列表 / Households',
        querystring: Type.Object(
          {
            nodeId: Type.Optional(Id),
            buildingId: Type.Optional(Id),
            tag: Type.Optional(Str(40)),
            use: Type.Optional(Use),
            q: Type.Optional(Str(64)),
            ...Page,
          },
          strict,
        ),
      },
    },
    async (req) => registry.listHouseholds(callContext(req), req.query as registry.HouseholdQuery),
  );
  app.get(
    '/households/:id',
    { schema: { tags, summary: '户卡 / Household card', params: IdParams } },
    async (req) => registry.getHousehold(callContext(req), idOf(req)),
  );
  app.post('/households', { schema: { tags, body: HouseholdCreate } }, async (req, reply) =>
    reply
      .status(201)
      .send(await registry.createHousehold(callContext(req), req.body as registry.HouseholdInput)),
  );
  app.patch('/households/:id', { schema: { tags, params: IdParams, body: HouseholdPatch } }, async (req) =>
    registry.updateHousehold(callContext(req), idOf(req), req.body as registry.HouseholdPatch),
  );
  app.get('/households/:id/tags', { schema: { tags, params: IdParams } }, async (req) => ({
    items: await registry.listAssignments(callContext(req), idOf(req)),
  }));
  app.post(
    '/households/:id/tags',
    {
      schema: {
        tags,
        summary: '设置标签 / Assign tag',
        params: IdParams,
        body: Type.Object(
          {
            tagCode: Str(40, 1),
            residentId: Type.Optional(Id),
            riskLevel: Type.Optional(NullableStr(20)),
            note: Type.Optional(NullableStr(300)),
          },
          strict,
        ),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await registry.assignTag(callContext(req), idOf(req), req.body as registry.AssignTagInput)),
  );
  app.delete('/tag-assignments/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await registry.unassignTag(callContext(req), idOf(req));
    return reply.status(204).send();
  });

  // --- residents
  app.get(
    '/residents',
    {
      schema: {
        tags,
        summary: '人员列表与搜索 / Residents and search',
        querystring: Type.Object(
          {
            nodeId: Type.Optional(Id),
            buildingId: Type.Optional(Id),
            householdId: Type.Optional(Id),
            tag: Type.Optional(Str(40)),
            q: Type.Optional(Str(64)),
            status: Type.Optional(literals(['active', 'moved_out', 'deceased', 'all'] as const)),
            ...Page,
          },
          strict,
        ),
      },
    },
    async (req) => registry.listResidents(callContext(req), req.query as registry.ResidentQuery),
  );
  app.get('/residents/:id', { schema: { tags, params: IdParams } }, async (req) =>
    registry.getResident(callContext(req), idOf(req)),
  );
  app.post(
    '/residents',
    { schema: { tags, summary: '登记人员 / Register person', body: ResidentCreate } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await registry.createResident(callContext(req), req.body as registry.ResidentInput)),
  );
  app.patch('/residents/:id', { schema: { tags, params: IdParams, body: ResidentPatch } }, async (req) =>
    registry.updateResident(callContext(req), idOf(req), req.body as registry.ResidentPatch),
  );
  app.post(
    '/residents/:id/move-out',
    {
      schema: {
        tags,
        summary: '迁出 / Move out',
        params: IdParams,
        body: Type.Object({ date: DateStr, reason: Str(200, 1) }, strict),
      },
    },
    async (req) =>
      registry.moveOut(callContext(req), idOf(req), req.body as { date: string; reason: string }),
  );
  app.post(
    '/residents/:id/move-in',
    {
      schema: {
        tags,
        summary: '迁入 / Move in',
        params: IdParams,
        body: Type.Object({ householdId: Id, date: DateStr }, strict),
      },
    },
    async (req) =>
      registry.moveIn(callContext(req), idOf(req), req.body as { householdId: number; date: string }),
  );
  app.post(
    '/residents/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看明文（留痕）/ Reveal (audited)',
        params: IdParams,
        body: Type.Object({ field: literals(['idNumber', 'phone'] as const) }, strict),
      },
    },
    async (req) =>
      registry.revealResident(
        callContext(req),
        idOf(req),
        (req.body as { field: 'idNumber' | 'phone' }).field,
      ),
  );

  // --- organisations
  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: '商户与单位 / Shops and organisations',
        querystring: Type.Object({ nodeId: Type.Optional(Id) }, strict),
      },
    },
    async (req) => ({
      items: await registry.listOrganisations(callContext(req), req.query as { nodeId?: number }),
    }),
  );
  app.post('/organisations', { schema: { tags, body: OrgCreate } }, async (req, reply) =>
    reply
      .status(201)
      .send(await registry.createOrganisation(callContext(req), req.body as registry.OrganisationInput)),
  );
}
