import { Alert, Skeleton, Switch } from 'antd';
import { useState } from 'react';
import { CASE_STATES, OPEN_STATES } from '../../../../../common/cases';
import { PageHeader } from '../../../components/page-header';
import { useCaseBoard } from '../../../features/cases/api/board';
import { CaseBoardView } from '../../../features/cases/components/case-board';
import { useCaseI18n } from '../../../features/cases/messages';
import { errorMessage } from '../../../lib/errors';
import { useScope } from '../../../lib/scope';

/** 事件看板: the scope's cases by state, one column each with its count. Finished states on request. */
export function CasesBoardPage() {
  const { t, locale } = useCaseI18n();
  const { scope } = useScope();
  const board = useCaseBoard(scope?.id ?? null);
  const [showDone, setShowDone] = useState(false);
  const states = showDone ? CASE_STATES : OPEN_STATES;
  return (
    <div data-testid="cases-board-page">
      <PageHeader
        title={t('nav.cases.board')}
        subtitle={scope ? `${scope.name} · ${t('cases.board.subtitle')}` : t('cases.board.subtitle')}
        extra={
          <label className="cs-switch-label">
            <Switch size="small" checked={showDone} onChange={setShowDone} data-testid="board-show-done" />
            <span>{t('cases.board.showDone')}</span>
          </label>
        }
      />
      {board.isError ? (
        <Alert type="error" showIcon title={errorMessage(board.error, locale, t)} />
      ) : board.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <CaseBoardView columns={board.data.columns} states={states} />
      )}
    </div>
  );
}
