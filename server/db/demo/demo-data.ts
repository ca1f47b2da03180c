import type { Role } from '../../../common/permissions.js';

/**
 * The demo community of the seed article (PRODUCT.md): 政府大院社区 in 阳泉市城区 with
 * 6 全科网格 (each with its party branch) and 46 微网格 (each with its party group), a second
 * community in the same street for comparison, and 虎尾沟社区 of the petition-agent story.
 */
export interface DemoNode {
  key: string;
  level: string;
  code: string;
  name: string;
  partyOrgType?: string;
  partyOrgName?: string;
  partySecretary?: string;
  children?: DemoNode[];
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
const GIVEN = [
  '建国',
  '秀英',
  '桂兰',
  '志强',
  '丽华',
  '国庆',
  '海燕',
  '文明',
  '春梅',
  '军',
  '敏',
  '静',
  '伟',
  '芳',
  '磊',
  '洁',
  '勇',
  '艳',
  '杰',
  '娟',
];

/** Deterministic Chinese names, so the demo is the same on every machine. */
export const demoName = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7 + 3) % GIVEN.length]}`;

function grids(prefix: string, communityShort: string, microCounts: number[], nameBase: number): DemoNode[] {
  return microCounts.map((mc, g) => {
    const gCode = `${prefix}${String(g + 1).padStart(3, '0')}`;
    const gName = `第${CN_NUM[g]}网格`;
    return {
      key: `${communityShort}-g${g + 1}`,
      level: 'grid',
      code: gCode,
      name: gName,
      partyOrgType: 'branch',
      partyOrgName: `${communityShort}${gName}党支部`,
      partySecretary: demoName(nameBase + g * 13),
      children: Array.from({ length: mc }, (_, m) => ({
        key: `${communityShort}-g${g + 1}-m${m + 1}`,
        level: 'microgrid',
        code: `${gCode}${String(m + 1).padStart(3, '0')}`,
        name: `${gName}第${m + 1}微网格`,
        partyOrgType: 'group',
        partyOrgName: `${gName}第${m + 1}党小组`,
        partySecretary: demoName(nameBase + g * 13 + m + 1),
      })),
    };
  });
}

export const DEMO_TREE: DemoNode = {
  key: 'city',
  level: 'city',
  code: '140300',
  name: '阳泉市',
  partyOrgType: 'party_committee',
  partyOrgName: '中共阳泉市委',
  children: [
    {
      key: 'district',
      level: 'district',
      code: '140302',
      name: '城区',
      partyOrgType: 'party_committee',
      partyOrgName: '中共阳泉市城区委员会',
      children: [
        {
          key: 'street',
          level: 'street',
          code: '140302002',
          name: '北大街街道',
          partyOrgType: 'party_committee',
          partyOrgName: '北大街街道党工委',
          children: [
            {
              key: 'community',
              level: 'community',
              code: '140302002001',
              name: '政府大院社区',
              partyOrgType: 'general_branch',
              partyOrgName: '政府大院社区党总支',
              partySecretary: '董殿英',
              // 8+8+8+8+7+7 = 46 micro-grids, as in the article.
              children: grids('140302002001', '政府大院社区', [8, 8, 8, 8, 7, 7], 0),
            },
            {
              key: 'community2',
              level: 'community',
              code: '140302002002',
              name: '东山社区',
              partyOrgType: 'general_branch',
              partyOrgName: '东山社区党总支',
              partySecretary: demoName(101),
              children: grids('140302002002', '东山社区', [4, 4, 3], 200),
            },
          ],
        },
      ],
    },
    {
      key: 'district2',
      level: 'district',
      code: '140303',
      name: '矿区',
      partyOrgType: 'party_committee',
      partyOrgName: '中共阳泉市矿区委员会',
      children: [
        {
          key: 'street2',
          level: 'street',
          code: '140303001',
          name: '赛鱼街道',
          partyOrgType: 'party_committee',
          partyOrgName: '赛鱼街道党工委',
          children: [
            {
              key: 'community3',
              level: 'community',
              code: '140303001001',
              name: '虎尾沟社区',
              partyOrgType: 'general_branch',
              partyOrgName: '虎尾沟社区党总支',
              partySecretary: demoName(303),
              children: grids('140303001001', '虎尾沟社区', [3, 3], 300),
            },
          ],
        },
      ],
    },
  ],
};

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  nodeKey: string;
  what: { zh: string; en: string };
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    nodeKey: 'city',
    what: { zh: '系统管理员（全市）', en: 'administrator (city)' },
  },
  {
    username: 'auditor',
    displayName: '安全审计员',
    role: 'auditor',
    nodeKey: 'city',
    what: { zh: '安全审计员（只看审计日志）', en: 'auditor (audit log only)' },
  },
  {
    username: 'leader',
    displayName: '文武全',
    role: 'leader',
    nodeKey: 'city',
    what: { zh: '市级领导（全市只读、督办）', en: 'city leader (read, supervise)' },
  },
  {
    username: 'community',
    displayName: '董殿英',
    role: 'community_staff',
    nodeKey: 'community',
    what: { zh: '政府大院社区书记', en: 'community party secretary' },
  },
  {
    username: 'grid1',
    displayName: demoName(1),
    role: 'grid_worker',
    nodeKey: '政府大院社区-g1',
    what: { zh: '第一网格专职网格员', en: 'grid worker, grid 1' },
  },
  {
    username: 'agent1',
    displayName: '胡晓',
    role: 'petition_agent',
    nodeKey: 'community3',
    what: { zh: '虎尾沟社区信访代理人', en: 'petition agent, 虎尾沟' },
  },
  {
    username: 'mediator1',
    displayName: demoName(17),
    role: 'mediator',
    nodeKey: 'community',
    what: { zh: '人民调解员', en: 'people’s mediator' },
  },
  {
    username: 'unit1',
    displayName: '区住建局办事员',
    role: 'unit_handler',
    nodeKey: 'district',
    what: { zh: '区住建局承办人', en: 'housing bureau handler' },
  },
  {
    username: 'unit2',
    displayName: '物业公司客服',
    role: 'unit_handler',
    nodeKey: 'district2',
    what: { zh: '物业公司承办人', en: 'property company handler' },
  },
  {
    username: 'community3',
    displayName: demoName(303),
    role: 'community_staff',
    nodeKey: 'community3',
    what: { zh: '虎尾沟社区书记（分办）', en: '虎尾沟 community secretary (dispatch)' },
  },
  {
    username: 'keeper1',
    displayName: demoName(23),
    role: 'station_keeper',
    nodeKey: 'community',
    what: { zh: '党群服务驿站管理员', en: 'service station keeper' },
  },
  {
    username: 'volunteer1',
    displayName: demoName(29),
    role: 'volunteer',
    nodeKey: 'community',
    what: { zh: '志愿者', en: 'volunteer' },
  },
  {
    username: 'resident1',
    displayName: demoName(31),
    role: 'resident',
    nodeKey: '政府大院社区-g1-m1',
    what: { zh: '居民', en: 'resident' },
  },
  {
    username: 'resident2',
    displayName: '李桂兰',
    role: 'resident',
    nodeKey: '虎尾沟社区-g1-m1',
    what: { zh: '虎尾沟社区居民（漏水户）', en: 'resident of 虎尾沟 (the leaking flat)' },
  },
];
