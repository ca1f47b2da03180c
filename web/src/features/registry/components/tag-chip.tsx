import { CloseOutlined } from '@ant-design/icons';
import './registry.css';
import { Tooltip } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { LocalizedText } from '../../../../../common/i18n';
import { useRegistryI18n } from '../messages';

export interface ChipTag {
  code: string;
  residentId?: number | null;
  assignmentId?: number | null;
  symbol: string;
  color: string;
  name: LocalizedText;
  riskLevel?: string | null;
}

/** A stable React key: the same tag may sit on a household once per member. */
export function chipKey(tag: ChipTag): string {
  return `${tag.code}:${tag.residentId ?? ''}:${tag.assignmentId ?? ''}`;
}

/** Light background of a tag colour, so the symbol stays legible on it whatever the colour. */
export function tint(color: string, alpha = 0.1): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return 'rgba(0,0,0,0.04)';
  const n = Number.parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export function tagTitle(tag: ChipTag, locale: 'zh-CN' | 'en'): string {
  const name = locale === 'en' ? tag.name.en : tag.name.zh;
  return tag.riskLevel ? `${name} · ${tag.riskLevel}` : name;
}

/**
 * One tag as the grid chart shows it: the symbol in the tag's colour, then (unless compact) its name
 * and risk level. Compact chips carry the name as tooltip and accessible label.
 */
export function TagChip({
  tag,
  compact = false,
  suffix,
  onClose,
  closeLabel,
  style,
  small = false,
}: {
  tag: ChipTag;
  compact?: boolean;
  /** A lower chip for table rows. */
  small?: boolean;
  suffix?: ReactNode;
  onClose?: () => void;
  closeLabel?: string;
  style?: CSSProperties;
}) {
  const { locale } = useRegistryI18n();
  const title = tagTitle(tag, locale);
  const symbol = (
    <span className="og-tag-symbol" style={{ color: tag.color }} aria-hidden>
      {tag.symbol}
    </span>
  );
  if (compact) {
    return (
      <Tooltip title={title}>
        <span
          className="og-tag-chip og-tag-chip-compact"
          role="img"
          aria-label={title}
          data-tag={tag.code}
          style={{ borderColor: tint(tag.color, 0.35), background: tint(tag.color, 0.08), ...style }}
        >
          {symbol}
        </span>
      </Tooltip>
    );
  }
  return (
    <span
      className={small ? 'og-tag-chip og-tag-chip-small' : 'og-tag-chip'}
      data-tag={tag.code}
      style={{ borderColor: tint(tag.color, 0.4), background: tint(tag.color, 0.08), ...style }}
    >
      {symbol}
      <span className="og-tag-name" style={{ color: tag.color }}>
        {locale === 'en' ? tag.name.en : tag.name.zh}
      </span>
      {tag.riskLevel ? <span className="og-tag-risk">{tag.riskLevel}</span> : null}
      {suffix}
      {onClose ? (
        <button
          type="button"
          className="og-tag-close"
          aria-label={closeLabel ?? title}
          onClick={onClose}
          data-testid={`tag-remove-${tag.code}`}
        >
          <CloseOutlined />
        </button>
      ) : null}
    </span>
  );
}

/** The row of symbols after a room number; empty renders a dash so table cells never collapse. */
export function TagSymbols({
  tags,
  max = 8,
  labelled = false,
}: {
  tags: ChipTag[];
  max?: number;
  /** Show each name beside its symbol (wide screens). */
  labelled?: boolean;
}) {
  if (tags.length === 0) return <span className="og-muted">—</span>;
  const shown = tags.slice(0, max);
  return (
    <span className="og-tag-symbols" data-testid="tag-symbols">
      {shown.map((tag) => (
        <TagChip key={chipKey(tag)} tag={tag} compact={!labelled} small={labelled} />
      ))}
      {tags.length > max ? <span className="og-muted">+{tags.length - max}</span> : null}
    </span>
  );
}
