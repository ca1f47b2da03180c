import '../cases.css';
import { Link } from 'react-router';
import type { CaseState } from '../../../../../common/cases';
import { CASE_STATE_LABELS } from '../../../../../common/cases';
import type { BoardColumn, CaseSummary } from '../api/types';
import { useCaseI18n } from '../messages';
import { STATE_COLORS } from './case-state-tag';
import { placeText } from './case-table';
import { CaseWarning, DueText, SupervisedFlag, UrgencyTag } from './case-warning';

function BoardCard({ item }: { item: CaseSummary }) {
  return (
    <Link
      to={`/cases/${item.id}`}
      className={`cs-board-card cs-card-${item.warning}`}
      data-testid={`board-card-${item.id}`}
    >
      <div className="cs-board-card-top">
        <span className="cs-number">{item.number}</span>
        <span className="cs-board-badges">
          <CaseWarning level={item.warning} compact />
          {item.supervised ? <SupervisedFlag compact /> : null}
          <UrgencyTag urgency={item.urgency} />
        </span>
      </div>
      <div className="cs-board-title">{item.title}</div>
      <div className="cs-board-foot">
        <span className="cs-sub cs-ellipsis">{placeText(item)}</span>
        <DueText item={item} hideEmpty />
      </div>
    </Link>
  );
}

/** 看板: one column per state with its count; each card opens the case, the header opens the filtered list. */
export function CaseBoardView({ columns, states }: { columns: BoardColumn[]; states: readonly CaseState[] }) {
  const { t, label } = useCaseI18n();
  const byState = new Map(columns.map((c) => [c.state, c]));
  return (
    <div className="cs-board" data-testid="case-board">
      {states.map((state) => {
        const column = byState.get(state) ?? { state, count: 0, items: [] };
        const color = STATE_COLORS[state];
        const more = column.count - column.items.length;
        return (
          <section
            key={state}
            className="cs-board-col"
            data-testid={`board-column-${state}`}
            aria-label={label(CASE_STATE_LABELS[state])}
          >
            <header className="cs-board-head" style={{ borderTopColor: color.dot }}>
              <Link to={`/cases/all?state=${state}`} className="cs-board-name" style={{ color: color.fg }}>
                {label(CASE_STATE_LABELS[state])}
              </Link>
              <span className="cs-count" data-testid="board-count">
                {column.count}
              </span>
            </header>
            <div className="cs-board-list">
              {column.items.length === 0 ? (
                <div className="cs-board-empty">{t('cases.board.empty')}</div>
              ) : (
                column.items.map((item) => <BoardCard key={item.id} item={item} />)
              )}
              {more > 0 ? (
                <Link to={`/cases/all?state=${state}`} className="cs-board-more">
                  {t('cases.board.more', { count: more })}
                </Link>
              ) : null}
            </div>
          </section>
        );
      })}
    </div>
  );
}
