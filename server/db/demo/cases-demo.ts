import type { Role } from '../../../common/permissions.js';
import type { CallContext, Deps, SessionActor } from '../../context.js';
import { ensureCaseSetup } from '../../modules/cases/case-setup.js';
import {
  type ActionBody,
  act,
  autoCloseCase,
  type CreateCaseInput,
  createCase,
} from '../../modules/cases/cases.service.js';
import { makeRng } from './registry-demo.js';

// The case loop's demo (issue 4): the handling units serving 城区 and 矿区 with their handlers (unit1 住建局, unit2
// 物业公司), the leaking flat of 虎尾沟社区 from the seed article, and about 60 cases across every state in 政府大院社区
// and 虎尾沟社区. Every case is driven through the cases service with a clock set in the past, so the
// numbers, deadlines, timelines and audit rows are exactly what the product writes. Deterministic for a given
// clock; does nothing when cases already exist.

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000;
const SERVING_UNITS = ['ZJJ', 'WYGS', 'CGZF', 'PCS', 'SFS', 'GRGS'];
const DISTRICTS = ['140302', '140303'];
const ZF = '140302002001';
const HWG = '140303001001';

type Comm = 'zf' | 'hwg';
type Target =
  | 'collected'
  | 'accepted'
  | 'rejected'
  | 'dispatched'
  | 'in_progress'
  | 'handled'
  | 'awaiting_rating'
  | 'closed'
  | 'timeout'
  | 'merged';

interface Spec {
  comm: Comm;
  title: string;
  cat: string;
  target: Target;
  daysAgo: number;
  source?: CreateCaseInput['source'];
  urgency?: CreateCaseInput['urgency'];
  lead?: string;
  assist?: string[];
  self?: boolean;
  supervised?: boolean;
  rating?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
}

const S = (
  comm: Comm,
  title: string,
  cat: string,
  target: Target,
  daysAgo: number,
  extra: Partial<Spec> = {},
): Spec => ({ comm, title, cat, target, daysAgo, ...extra });

/** The matters of the demo, oldest first within each state; realistic for an old 阳泉 neighbourhood. */
const SPECS: Spec[] = [
  // 待受理
  S('zf', '小区门口垃圾堆积无人清运', 'CG01', 'collected', 0, { source: 'resident' }),
  S('zf', '单元门口乱贴小广告', 'CG02', 'collected', 0, { source: 'grid_worker' }),
  S('zf', '楼上住户装修噪音扰民', 'ZZ02', 'collected', 1, { source: 'resident' }),
  S('zf', '暖气试水后仍然不热', 'MS02', 'collected', 1, { source: 'hotline_12345', urgency: 'urgent' }),
  S('zf', '楼道声控灯损坏', 'MS04', 'collected', 2, { source: 'resident' }),
  S('hwg', '小区路面塌陷形成深坑', 'CG04', 'collected', 0, { source: 'grid_worker', urgency: 'urgent' }),
  S('hwg', '楼顶水箱漏水', 'MS03', 'collected', 3, { source: 'resident' }),
  S('zf', '独居老人申请临时救助', 'MZ', 'collected', 2, { source: 'grid_worker' }),
  // 已受理
  S('zf', '相邻住户因漏水引发纠纷', 'ZZ02', 'accepted', 3),
  S('zf', '小区内车辆乱停乱放堵塞消防通道', 'CG05', 'accepted', 2, { urgency: 'urgent' }),
  S('zf', '下水道堵塞污水外溢', 'MS03', 'accepted', 4),
  S('hwg', '楼道堆放杂物影响通行', 'CG01', 'accepted', 5),
  S('zf', '租户拖欠房租引发纠纷', 'ZZ04', 'accepted', 6, { supervised: true }),
  S('hwg', '老旧电线私拉乱接存在隐患', 'MS04', 'accepted', 8),
  // 已分办
  S('zf', '外墙瓷砖脱落存在安全隐患', 'MS01', 'dispatched', 2, { lead: 'ZJJ', assist: ['WYGS'] }),
  S('zf', '单元防盗门损坏无法关闭', 'MS04', 'dispatched', 3, { lead: 'WYGS' }),
  S('zf', '夜间施工噪音扰民', 'CG03', 'dispatched', 4, { lead: 'CGZF' }),
  S('hwg', '供暖管道漏水', 'MS02', 'dispatched', 2, { lead: 'GRGS', assist: ['WYGS'] }),
  S('zf', '电动车楼道充电存在火灾隐患', 'CG06', 'dispatched', 9, { lead: 'WYGS', assist: ['PCS'] }),
  S('hwg', '房屋墙体开裂', 'MS01', 'dispatched', 12, { lead: 'ZJJ', supervised: true }),
  // 处置中
  S('zf', '顶层住户卫生间渗水', 'MS01', 'in_progress', 5, { lead: 'ZJJ', assist: ['WYGS'] }),
  S('zf', '小区化粪池满溢', 'MS04', 'in_progress', 4, { lead: 'WYGS' }),
  S('zf', '物业费收支不公开', 'ZZ14', 'in_progress', 7, { lead: 'WYGS', assist: ['SFS'] }),
  S('hwg', '楼顶防水层破损', 'MS01', 'in_progress', 6, { lead: 'ZJJ', assist: ['WYGS'] }),
  S('zf', '邻里因占用公共楼道发生争执', 'ZZ02', 'in_progress', 3, { self: true }),
  S('zf', '婆媳矛盾需调解', 'ZZ01', 'in_progress', 8, { self: true }),
  S('hwg', '单元门禁系统故障', 'MS04', 'in_progress', 11, { lead: 'WYGS' }),
  S('zf', '老楼加装电梯意见不一', 'ZZ03', 'in_progress', 14, { lead: 'ZJJ', supervised: true }),
  // 已处置
  S('zf', '窨井盖破损', 'CG01', 'handled', 6, { self: true }),
  S('zf', '楼顶积水渗入住户', 'MS01', 'handled', 8, { lead: 'ZJJ' }),
  S('hwg', '小区路灯不亮', 'MS04', 'handled', 5, { lead: 'WYGS' }),
  S('zf', '邻居饲养犬只扰民', 'ZZ02', 'handled', 9, { self: true }),
  // 待评价
  S('zf', '单元楼梯扶手松动', 'MS04', 'awaiting_rating', 4, { lead: 'WYGS' }),
  S('zf', '厨房墙面渗水发霉', 'MS01', 'awaiting_rating', 6, { lead: 'ZJJ', assist: ['WYGS'] }),
  S('hwg', '楼道窗户玻璃破碎', 'MS04', 'awaiting_rating', 3, { lead: 'WYGS' }),
  S('zf', '小区健身器材损坏', 'CG06', 'awaiting_rating', 5, { self: true }),
  S('zf', '地下室长期积水', 'MS01', 'awaiting_rating', 7, { lead: 'ZJJ' }),
  // 已办结（居民评价）
  S('zf', '雨后屋顶漏水', 'MS01', 'closed', 40, { lead: 'ZJJ', assist: ['WYGS'], rating: 'satisfied' }),
  S('zf', '楼道照明灯损坏', 'MS04', 'closed', 35, { lead: 'WYGS', rating: 'satisfied' }),
  S('zf', '暖气片漏水', 'MS02', 'closed', 30, { lead: 'WYGS', rating: 'basically_satisfied' }),
  S('hwg', '楼下商铺油烟扰民', 'ZZ09', 'closed', 28, { self: true, rating: 'satisfied' }),
  S('zf', '邻里停车位纠纷', 'ZZ02', 'closed', 25, { self: true, rating: 'satisfied' }),
  S('zf', '小区大门门禁故障', 'MS04', 'closed', 22, { lead: 'WYGS', rating: 'satisfied' }),
  S('hwg', '自来水水压低', 'MS03', 'closed', 20, { self: true, rating: 'basically_satisfied' }),
  S('zf', '空调外机滴水扰邻', 'ZZ02', 'closed', 18, { self: true, rating: 'satisfied' }),
  S('zf', '外墙保温层脱落', 'MS01', 'closed', 16, { lead: 'ZJJ', rating: 'satisfied' }),
  // 已办结（超时未评价）
  S('zf', '垃圾桶破损需更换', 'CG01', 'timeout', 30, { self: true }),
  S('zf', '绿化带被私自开垦种菜', 'CG01', 'timeout', 26, { self: true }),
  S('hwg', '楼道消防栓缺少水带', 'MS04', 'timeout', 24, { lead: 'WYGS' }),
  S('zf', '下水井盖异响', 'CG06', 'timeout', 21, { self: true }),
  S('zf', '楼顶太阳能热水器漏水', 'MS01', 'timeout', 19, { lead: 'ZJJ' }),
  // 不予受理
  S('zf', '要求撤销法院判决', 'XF', 'rejected', 12),
  S('zf', '咨询个人所得税退税', 'QT', 'rejected', 9),
  S('hwg', '反映外省亲属宅基地纠纷', 'ZZ07', 'rejected', 15),
  // 已合并
  S('zf', '门口垃圾很多没人管', 'CG01', 'merged', 0),
  S('hwg', '路上有个大坑很危险', 'CG04', 'merged', 0),
];

const DETAILS: Record<string, string> = {
  CG: '影响居民出行和小区环境，多位居民反映，请尽快处理。',
  MS: '已持续一段时间，影响正常生活，希望有关单位尽快维修。',
  ZZ: '双方多次沟通未果，情绪较为激动，请社区出面协调化解。',
  MZ: '家庭生活困难，请社区了解情况并协助申请。',
  XF: '反映人情绪激动，表示将继续上访。',
  QT: '居民来电咨询。',
};

const REJECT_REASONS: Record<string, string> = {
  XF: '该事项已经人民法院生效判决，依法不属于信访受理范围，已告知通过申诉程序依法解决。',
  QT: '属于税务咨询，已告知拨打 12366 纳税服务热线或前往税务大厅办理。',
  ZZ07: '纠纷发生地不在本社区，已告知向属地人民调解委员会申请调解。',
};

const ANON = ['张秀英', '王建国', '刘桂兰', '陈志强', '杨丽华', '赵国庆', '郭海燕', '孙文明'];

export interface CasesDemoCounts {
  cases: number;
  events: number;
}

interface Place {
  nodeId: number;
  path: string;
  householdIds: number[];
}

/** A Beijing wall-clock time `daysAgo` days before now; never in the future. */
function atLocal(now: Date, daysAgo: number, hour: number, minute = 0): Date {
  const localMidnight = Math.floor((now.getTime() + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
  const t = localMidnight - daysAgo * DAY + (hour * 60 + minute) * 60_000;
  return new Date(Math.min(t, now.getTime() - 60_000));
}

async function loadActor(deps: Deps, username: string): Promise<SessionActor | null> {
  const u = await deps.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!u) return null;
  const roles = await deps.db
    .selectFrom('role_assignments as r')
    .innerJoin('grid_nodes as n', 'n.id', 'r.node_id')
    .select(['r.id', 'r.role', 'r.node_id', 'n.path', 'n.name', 'n.level'])
    .where('r.user_id', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    sessionId: 'demo',
    csrfToken: 'demo',
    locale: 'zh-CN',
    totpEnabled: false,
    mustSetupTotp: false,
    mustChangePassword: false,
    assignments: roles.map((r) => ({
      id: r.id,
      role: r.role as Role,
      nodeId: r.node_id,
      nodePath: r.path,
      nodeName: r.name,
      nodeLevel: r.level,
    })),
  };
}

/** The units serve both districts; unit1 handles for 住建局, unit2 for 物业公司. */
async function staffUnits(deps: Deps, at: string) {
  const units = await deps.db.selectFrom('units').select(['id', 'code']).execute();
  const districts = await deps.db
    .selectFrom('grid_nodes')
    .select('id')
    .where('code', 'in', DISTRICTS)
    .execute();
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  for (const code of SERVING_UNITS) {
    const id = unitId.get(code);
    if (id === undefined) continue;
    for (const d of districts)
      await deps.db
        .insertInto('unit_nodes')
        .values({ unit_id: id, node_id: d.id })
        .onConflict((oc) => oc.columns(['unit_id', 'node_id']).doNothing())
        .execute();
  }
  for (const [username, code] of [
    ['unit1', 'ZJJ'],
    ['unit2', 'WYGS'],
  ] as const) {
    const u = await deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    const id = unitId.get(code);
    if (u && id !== undefined)
      await deps.db
        .insertInto('unit_members')
        .values({ unit_id: id, user_id: u.id, created_at: at })
        .onConflict((oc) => oc.columns(['unit_id', 'user_id']).doNothing())
        .execute();
  }
}

async function communityPlaces(deps: Deps, code: string): Promise<Place[]> {
  const community = await deps.db
    .selectFrom('grid_nodes')
    .select(['id', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!community) return [];
  const micro = await deps.db
    .selectFrom('grid_nodes')
    .select(['id', 'path'])
    .where('path', 'like', `${community.path}%`)
    .where('level', '=', 'microgrid')
    .orderBy('code')
    .execute();
  const out: Place[] = [];
  for (const m of micro) {
    const hs = await deps.db
      .selectFrom('households')
      .select('id')
      .where('node_id', '=', m.id)
      .orderBy('id')
      .limit(40)
      .execute();
    out.push({ nodeId: m.id, path: m.path, householdIds: hs.map((h) => h.id) });
  }
  return out;
}

/**
 * Seeds the demo's units and cases. Expects the demo tree and accounts (seedDemo) and, for 政府大院社区, the registry
 * demo's households.
 */
export async function seedCasesDemo(deps: Deps): Promise<CasesDemoCounts> {
  const realNow = deps.clock.now();
  const at = realNow.toISOString();
  await ensureCaseSetup(deps);
  if (await deps.db.selectFrom('cases').select('id').limit(1).executeTakeFirst())
    return { cases: 0, events: 0 };
  await staffUnits(deps, at);

  const people = new Map<string, SessionActor>();
  for (const name of [
    'resident1',
    'resident2',
    'grid1',
    'community',
    'agent1',
    'community3',
    'unit1',
    'unit2',
    'leader',
  ]) {
    const a = await loadActor(deps, name);
    if (a) people.set(name, a);
  }
  const zfPlaces = await communityPlaces(deps, ZF);
  const hwgCommunity = await deps.db
    .selectFrom('grid_nodes')
    .select(['id', 'path'])
    .where('code', '=', HWG)
    .executeTakeFirst();
  const hwgPlaces = await communityPlaces(deps, HWG);
  if (!zfPlaces.length || !hwgCommunity || !hwgPlaces.length || people.size < 9)
    return { cases: 0, events: 0 };
  // 虎尾沟社区 has no registry demo (houses and people): its cases carry an address on the micro-grid instead.
  const hwgAddress = (building: number, room = '') => `阳泉市矿区赛鱼街道虎尾沟社区${building}号楼${room}`;

  let clock = realNow;
  const demoDeps: Deps = { ...deps, clock: { now: () => clock } };
  const ctx = (who: string): CallContext => {
    const actor = people.get(who) as SessionActor;
    return {
      deps: demoDeps,
      actor,
      audit: { actorId: actor.userId, actorName: actor.username, ip: null, requestId: 'demo-seed' },
      locale: 'zh-CN',
    };
  };
  const versionOf = async (id: number) =>
    (await deps.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow())
      .version;
  // Each case's events follow each other (at least a minute apart) and none lies in the future.
  const lastAt = new Map<number, number>();
  const latest = realNow.getTime() - 1000;
  const step = async (
    when: Date,
    who: string,
    id: number,
    action: Parameters<typeof act>[2],
    body: Omit<ActionBody, 'version'> = {},
  ) => {
    const t = Math.min(Math.max(Math.min(when.getTime(), latest), (lastAt.get(id) ?? 0) + 60_000), latest);
    lastAt.set(id, t);
    clock = new Date(t);
    return act(ctx(who), id, action, { ...body, version: await versionOf(id) });
  };
  const unitIds = new Map(
    (await deps.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const categoryIds = new Map(
    (await deps.db.selectFrom('case_categories').select(['id', 'code']).execute()).map((k) => [k.code, k.id]),
  );

  // ---- the leaking flat of 虎尾沟社区 (the seed article) -------------------------------------------------------------
  clock = atLocal(realNow, 21, 20, 15);
  const story = await createCase(ctx('resident2'), {
    title: '5号楼2单元601室房屋漏水',
    description:
      '我家住5号楼2单元顶层601室，连续几场雨后卧室和卫生间顶板大面积渗水，墙皮脱落、发霉，家具也泡坏了。找过物业几次一直没修好，请社区帮忙协调解决。',
    categoryId: categoryIds.get('MS01') as number,
    source: 'resident',
    urgency: 'normal',
    nodeId: hwgPlaces[0].nodeId,
    address: hwgAddress(5, '2单元601室'),
  });
  const sid = story.id;
  lastAt.set(sid, clock.getTime());
  await step(atLocal(realNow, 20, 9, 5), 'agent1', sid, 'accept', {
    contacted: true,
    note: '信访代理员胡晓已入户查看：卧室、卫生间顶板渗水严重，墙面霉变，确系屋面漏水。已告知居民社区将协调处理。',
  });
  await step(atLocal(realNow, 20, 15, 30), 'agent1', sid, 'comment', {
    visibility: 'public',
    note: '已到区住建局了解老旧楼房屋面维修责任，到物业公司了解专项维修资金使用情况。',
  });
  await step(atLocal(realNow, 19, 10, 0), 'community3', sid, 'dispatch', {
    leadUnitId: unitIds.get('ZJJ'),
    assistUnitIds: [unitIds.get('WYGS') as number],
    note: '请区住建局牵头、物业公司配合，查明漏水原因，确定维修责任和方案。',
  });
  await step(atLocal(realNow, 19, 14, 20), 'unit1', sid, 'sign');
  await step(atLocal(realNow, 19, 15, 40), 'unit2', sid, 'sign');
  await step(atLocal(realNow, 18, 15, 0), 'agent1', sid, 'meeting', {
    heldAt: atLocal(realNow, 18, 14, 30).toISOString(),
    place: '虎尾沟社区党群服务中心会议室',
    attendees: ['胡晓（社区信访代理员）', '区住建局办事员', '物业公司客服', '李桂兰（居民）', '5号楼楼栋长'],
    decisions:
      '初步查明漏水系5号楼屋面防水层老化破损所致；物业公司三日内勘查并提出维修方案和预算，区住建局核定维修责任及专项维修资金使用。',
    actionItems: [
      {
        who: '物业公司',
        what: '现场勘查，提出屋面维修方案和预算',
        by: atLocal(realNow, 15, 18, 0).toISOString(),
      },
      {
        who: '区住建局',
        what: '核定维修责任，审核专项维修资金使用',
        by: atLocal(realNow, 15, 18, 0).toISOString(),
      },
      { who: '社区', what: '向同楼栋住户说明情况，征求意见', by: null },
    ],
  });
  await step(atLocal(realNow, 16, 11, 0), 'unit2', sid, 'reply', {
    text: '已现场勘查：5号楼屋面防水层约60平方米老化开裂，需整体更换；维修方案及预算已报区住建局。',
  });
  await step(atLocal(realNow, 14, 10, 0), 'agent1', sid, 'meeting', {
    heldAt: atLocal(realNow, 14, 9, 30).toISOString(),
    place: '5号楼现场',
    attendees: ['胡晓（社区信访代理员）', '区住建局办事员', '物业公司客服', '李桂兰（居民）'],
    decisions:
      '理清职责：屋面属共用部位，由物业公司组织施工，费用从专项维修资金列支，区住建局现场监督；一周内完工，完工后三方验收。',
    actionItems: [
      {
        who: '物业公司',
        what: '更换屋面防水层，修补601室顶板',
        by: atLocal(realNow, 8, 18, 0).toISOString(),
      },
      { who: '区住建局', what: '施工监督和验收', by: atLocal(realNow, 7, 18, 0).toISOString() },
    ],
  });
  await step(atLocal(realNow, 7, 17, 0), 'unit1', sid, 'handle', {
    result:
      '5号楼屋面防水层已全部更换，601室顶板修补、墙面重新粉刷完毕；经区住建局、社区、居民三方现场验收合格，雨后复查无渗漏。',
  });
  await step(atLocal(realNow, 6, 10, 0), 'agent1', sid, 'feedback', {
    note: '已上门向李桂兰反馈维修结果，并陪同查看，居民表示认可。',
  });
  await step(atLocal(realNow, 6, 19, 30), 'resident2', sid, 'rate', {
    rating: 'satisfied',
    resolved: true,
    comment: '房子再也不漏了，感谢胡晓和社区、住建局、物业公司，办得又快又好！',
  });

  // ---- the rest -----------------------------------------------------------------------------------------------------
  const rng = makeRng(20261104);
  const openMasters = new Map<Comm, number>();
  for (const [i, s] of SPECS.entries()) {
    const places = s.comm === 'zf' ? zfPlaces : hwgPlaces;
    // Residents report from where they live; the others spread over the micro-grids.
    const reporterUser = s.comm === 'zf' ? 'resident1' : 'resident2';
    const byResident = (s.source ?? 'resident') === 'resident' && (s.target === 'closed' || i % 4 === 0);
    const place = byResident ? places[0] : places[(i * 7) % places.length];
    const householdId = place.householdIds.length
      ? place.householdIds[(i * 3) % place.householdIds.length]
      : undefined;
    const intake = s.comm === 'zf' ? (place.path === zfPlaces[0].path ? 'grid1' : 'community') : 'agent1';
    const dispatcher = s.comm === 'zf' ? 'community' : 'community3';
    const selfHandler = s.comm === 'zf' ? 'community' : 'agent1';
    const t0 = s.daysAgo;
    clock = atLocal(realNow, t0, 8 + (i % 10), (i * 13) % 60);
    const anonName = ANON[i % ANON.length];
    const input: CreateCaseInput = {
      title: s.title,
      description: `${s.title}。${DETAILS[s.cat.slice(0, 2)] ?? DETAILS.QT}`,
      categoryId: categoryIds.get(s.cat) as number,
      source: byResident ? 'resident' : (s.source ?? 'grid_worker'),
      urgency: s.urgency ?? 'normal',
      householdId,
      nodeId: householdId === undefined ? place.nodeId : undefined,
      address: householdId === undefined ? hwgAddress((i % 6) + 1) : undefined,
      reporter: byResident ? undefined : { name: anonName, phone: `1390035${String(2000 + i).slice(-4)}` },
    };
    const created = await createCase(ctx(byResident ? reporterUser : intake), input);
    const id = created.id;
    lastAt.set(id, clock.getTime());
    if (s.target !== 'merged' && (s.cat === 'CG01' || s.cat === 'CG04') && !openMasters.has(s.comm))
      openMasters.set(s.comm, id);
    const hours = (n: number) => new Date(clock.getTime() + n * 3_600_000);
    const later = (days: number, hour: number) =>
      atLocal(realNow, Math.max(0, t0 - days), hour, (i * 7) % 60);
    if (s.target === 'collected') continue;
    if (s.target === 'merged') {
      const master = openMasters.get(s.comm);
      if (master)
        await step(hours(1), intake, id, 'merge', { masterId: master, note: '与已受理事件重复，合并办理' });
      continue;
    }
    if (s.target === 'rejected') {
      await step(hours(3), intake, id, 'reject', { reason: REJECT_REASONS[s.cat] ?? REJECT_REASONS.QT });
      continue;
    }
    await step(hours(2), intake, id, 'accept', { contacted: true, note: '已与反映人联系，了解具体情况。' });
    if (s.target === 'accepted') {
      if (s.supervised) await step(hours(5), 'leader', id, 'supervise', { note: '请加快办理，按时反馈。' });
      continue;
    }
    const handledBy = s.self ? selfHandler : s.lead === 'ZJJ' ? 'unit1' : s.lead === 'WYGS' ? 'unit2' : null;
    if (s.self) await step(later(0, 17), selfHandler, id, 'start', { note: '社区自行协调处置。' });
    else {
      await step(later(0, 16), dispatcher, id, 'dispatch', {
        leadUnitId: unitIds.get(s.lead ?? 'ZJJ'),
        assistUnitIds: (s.assist ?? []).map((u) => unitIds.get(u) as number),
      });
      if (s.supervised)
        await step(later(0, 18), 'leader', id, 'supervise', { note: '群众反映强烈，请主办单位加快办理。' });
      if (s.target === 'dispatched' || !handledBy) continue;
      await step(later(1, 9), handledBy, id, 'sign');
      if (s.assist?.includes('WYGS') && handledBy !== 'unit2') await step(later(1, 10), 'unit2', id, 'sign');
    }
    if (s.target === 'in_progress') continue;
    if (s.comm === 'zf' && rng.chance(0.4) && !s.self)
      await step(later(2, 15), intake, id, 'meeting', {
        heldAt: later(2, 14).toISOString(),
        place: '政府大院社区党群服务中心',
        attendees: ['社区网格员', '承办单位', '反映人'],
        decisions: '明确处置责任和完成时限。',
        actionItems: [{ who: '承办单位', what: '按方案处置', by: later(1, 18).toISOString() }],
      });
    await step(later(3, 16), handledBy as string, id, 'handle', {
      result: `${s.title}问题已处置完毕，经现场复核无遗留问题。`,
    });
    if (s.target === 'handled') continue;
    const feedbackAt = s.target === 'timeout' ? atLocal(realNow, Math.max(8, t0 - 4), 10) : later(4, 10);
    await step(feedbackAt, intake, id, 'feedback', { note: '已电话告知反映人处置结果。' });
    if (s.target === 'awaiting_rating') continue;
    if (s.target === 'timeout') {
      clock = new Date(Math.min((lastAt.get(id) ?? 0) + 7 * DAY + 3_600_000, latest));
      await autoCloseCase(demoDeps, id, await versionOf(id));
      continue;
    }
    // closed by the reporter's rating; anonymous reporters cannot rate, so their case closes by timeout.
    if (byResident)
      await step(later(5, 20), reporterUser, id, 'rate', {
        rating: s.rating ?? 'satisfied',
        resolved: true,
        comment: '满意，谢谢！',
      });
    else {
      clock = new Date(Math.min((lastAt.get(id) ?? 0) + 7 * DAY + 3_600_000, latest));
      await autoCloseCase(demoDeps, id, await versionOf(id));
    }
  }
  const n = await deps.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const e = await deps.db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { cases: Number(n.n), events: Number(e.n) };
}
