import '../cases.css';
import { CASE_STATE_LABELS, type CaseState } from '../../../../../common/cases';
import { useCaseI18n } from '../messages';

/**
 * One colour per state, calm and distinct; red is kept for overdue so a red mark on a screen always
 * means "late". Open states are saturated, finished ones grey or green.
 */
export const STATE_COLORS: Readonly<Record<CaseState, { fg: string; bg: string; dot: string }>> = {
  collected: { fg: '#ad4e00', bg: '#fff7e6', dot: '#fa8c16' },
  accepted: { fg: '#0958d9', bg: '#e6f4ff', dot: '#1677ff' },
  dispatched: { fg: '#531dab', bg: '#f9f0ff', dot: '#722ed1' },
  in_progress: { fg: '#1d39c4', bg: '#f0f5ff', dot: '#2f54eb' },
  handled: { fg: '#006d75', bg: '#e6fffb', dot: '#13c2c2' },
  awaiting_rating: { fg: '#7c6a00', bg: '#feffe6', dot: '#d4b106' },
  closed: { fg: '#237804', bg: '#f6ffed', dot: '#52c41a' },
  rejected: { fg: 'rgba(0,0,0,0.55)', bg: '#f5f5f5', dot: '#bfbfbf' },
  merged: { fg: 'rgba(0,0,0,0.55)', bg: '#f5f5f5', dot: '#bfbfbf' },
};

export function CaseStateTag({ state, size = 'default' }: { state: CaseState; size?: 'default' | 'large' }) {
  const { label } = useCaseI18n();
  const c = STATE_COLORS[state];
  return (
    <span
      className={`cs-state cs-state-${size}`}
      style={{ color: c.fg, background: c.bg, borderColor: `${c.dot}55` }}
      data-testid="case-state"
      data-state={state}
    >
      <span className="cs-state-dot" style={{ background: c.dot }} aria-hidden />
      {label(CASE_STATE_LABELS[state])}
    </span>
  );
}
