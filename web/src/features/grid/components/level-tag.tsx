import { Tag } from 'antd';
import { GRID_LEVEL_LABELS, type GridLevel, isGridLevel } from '../../../../../common/admin-codes';
import { pickLabel, useI18n } from '../../../lib/i18n';

const LEVEL_COLORS: Record<GridLevel, string> = {
  city: 'red',
  district: 'volcano',
  street: 'orange',
  community: 'gold',
  grid: 'blue',
  microgrid: 'cyan',
};

export function levelLabel(level: string, locale: 'zh-CN' | 'en'): string {
  return isGridLevel(level) ? pickLabel(GRID_LEVEL_LABELS[level], locale) : level;
}

export function LevelTag({ level, compact = false }: { level: string; compact?: boolean }) {
  const { locale } = useI18n();
  const color = isGridLevel(level) ? LEVEL_COLORS[level] : 'default';
  return (
    <Tag color={color} style={compact ? { marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' } : undefined}>
      {levelLabel(level, locale)}
    </Tag>
  );
}
