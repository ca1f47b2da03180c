import { useCallback } from 'react';
import { type TranslateVars, useI18n } from '../../lib/i18n';

/** 网格图 wording, [中文, English] like lib/messages.ts, kept beside the feature. */
export const gridchartMessages = {
  'gc.title': ['网格图', 'Grid chart'],
  'gc.subtitle': ['一户一格，一格一标，底数清、情况明', 'Every household a cell, every need a symbol'],
  'gc.search': ['房号（如 3-2-501）或居民姓名', 'Room (e.g. 3-2-501) or resident name'],
  'gc.search.hits': ['找到 {count} 户', '{count} households found'],
  'gc.search.none': ['没有匹配的住户', 'No matching household'],
  'gc.legend': ['图例', 'Legend'],
  'gc.legend.hint': [
    '点击标签高亮对应住户，可多选',
    'Click symbols to highlight households; several at once',
  ],
  'gc.legend.clear': ['清除筛选', 'Clear'],
  'gc.legend.empty': ['暂无可见标签', 'No visible tags'],
  'gc.highlighted': ['已高亮 {count} 户', '{count} households highlighted'],
  'gc.households': ['{count} 户', '{count} households'],
  'gc.buildings': ['{count} 栋楼', '{count} buildings'],
  'gc.building': ['{number} 号楼', 'Building {number}'],
  'gc.unit': ['{unit} 单元', 'Unit {unit}'],
  'gc.floor': ['{floor} 层', 'F{floor}'],
  'gc.screening': ['本季度排查 {period}', 'Screening {period}'],
  'gc.screening.rate': ['排查率 {rate}%', '{rate}% screened'],
  'gc.screening.layer': ['排查图层', 'Screening layer'],
  'gc.screening.done': ['已排查', 'Screened'],
  'gc.screening.todo': ['未排查', 'Not screened'],
  'gc.wall': ['大屏模式', 'Wall mode'],
  'gc.wall.exit': ['退出大屏', 'Exit wall mode'],
  'gc.wall.fullscreen': ['全屏', 'Full screen'],
  'gc.wall.live': ['实时', 'Live'],
  'gc.wall.households': ['住户', 'households'],
  'gc.wall.offline': ['重连中', 'Reconnecting'],
  'gc.print': ['打印海报（A3）', 'Print poster (A3)'],
  'gc.empty': ['该网格下暂无楼栋', 'No buildings in this grid yet'],
  'gc.empty.hint': ['请先在人口房屋中登记楼栋与住户', 'Register buildings and households first'],
  'gc.notFound': ['网格不存在或不在您的管辖范围内', 'Grid not found or outside your area'],
  'gc.pickNode': ['选择社区、网格或微网格', 'Choose a community, grid or micro-grid'],
  'gc.card.title': ['住户 {room}', 'Household {room}'],
  'gc.card.members': ['家庭成员', 'Members'],
  'gc.card.noMembers': ['暂无在册居民', 'No registered residents'],
  'gc.card.tags': ['标签', 'Tags'],
  'gc.card.noTags': ['无', 'None'],
  'gc.card.matters': ['待办事项', 'Open matters'],
  'gc.card.noMatters': ['暂无待办', 'Nothing open'],
  'gc.card.lastVisit': ['最近走访', 'Last visit'],
  'gc.card.never': ['尚未走访', 'Never visited'],
  'gc.card.recordVisit': ['记录走访', 'Record a visit'],
  'gc.card.details': ['住户详情', 'Household details'],
  'gc.card.dispute': ['矛盾纠纷待化解', 'Dispute to resolve'],
  'gc.card.flagged': ['已转事项', 'Turned into a matter'],
  'gc.card.followUp': ['需跟进', 'Follow-up'],
  'gc.card.loadFailed': ['住户详情暂时无法加载', 'Household details could not be loaded'],
  'gc.use.owner': ['自住', 'Owner'],
  'gc.use.rented': ['出租', 'Rented'],
  'gc.use.vacant': ['空置', 'Vacant'],
  'gc.use.commercial': ['商用', 'Commercial'],
  'gc.age': ['{age} 岁', '{age}'],
  'gc.updated': ['更新于 {time}', 'Updated {time}'],
} as const satisfies Record<string, readonly [string, string]>;

export type GcKey = keyof typeof gridchartMessages;

/** t() for the grid chart's own words. */
export function useGcText() {
  const { locale } = useI18n();
  return useCallback(
    (key: GcKey, vars?: TranslateVars) => {
      const text = gridchartMessages[key][locale === 'en' ? 1 : 0];
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
    },
    [locale],
  );
}
