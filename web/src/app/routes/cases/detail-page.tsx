import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Grid, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCase } from '../../../features/cases/api/case-detail';
import type { CaseSummary } from '../../../features/cases/api/types';
import { CaseActionModal, CaseActions } from '../../../features/cases/components/case-actions';
import {
  CaseAssignments,
  CaseExtensionNote,
  CaseFacts,
  CaseFiles,
  CaseHeader,
  CaseMeetings,
  CaseOutcome,
  CaseRatingNote,
  Section,
} from '../../../features/cases/components/case-sections';
import { CaseTimeline } from '../../../features/cases/components/case-timeline';
import { DuplicateList } from '../../../features/cases/components/duplicate-suggestions';
import { useCaseI18n } from '../../../features/cases/messages';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';

/**
 * 事件详情: the header (number, state, warnings, deadlines), what and where, units with their
 * sub-status, meetings, extension, rating, files, the timeline, and one button per allowed action.
 * Desk: record left, actions and timeline right. Phone: one column, the next step in a bottom bar.
 */
export function CaseDetailPage() {
  const { t, locale } = useCaseI18n();
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const query = useCase(id);
  const desk = Boolean(Grid.useBreakpoint().lg);
  const [mergeInto, setMergeInto] = useState<CaseSummary | null>(null);

  if (id === null || (query.isError && isApiError(query.error) && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('cases.detail.notFound')}
        extra={
          <Link to="/cases">
            <Button type="primary">{t('nav.cases.inbox')}</Button>
          </Link>
        }
      />
    );
  }
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error, locale, t)} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  const detail = query.data;
  const canMerge = detail.allowedActions.includes('merge');

  const toolbar = (
    <div className="cs-toolbar">
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('cases.detail.back')}>
        {desk ? t('cases.detail.back') : null}
      </Button>
      <span className="cs-toolbar-spacer" />
      <Button
        icon={<ReloadOutlined />}
        onClick={() => query.refetch()}
        loading={query.isFetching}
        aria-label={t('cases.detail.refresh')}
      />
      <Link to={`/cases/${detail.id}/print`} target="_blank" data-testid="case-print-link">
        <Button icon={<PrinterOutlined />}>{t('cases.detail.print')}</Button>
      </Link>
    </div>
  );

  const record = (
    <>
      <CaseOutcome detail={detail} />
      <Section title={t('cases.detail.description')} testId="case-description">
        <div className="cs-pre cs-description">{detail.description}</div>
      </Section>
      <Section title={t('cases.detail.facts')}>
        <CaseFacts detail={detail} />
      </Section>
      <Section title={t('cases.detail.assignments')}>
        <CaseAssignments detail={detail} />
        <CaseExtensionNote detail={detail} />
      </Section>
      {detail.meetings.length ? (
        <Section title={t('cases.detail.meetings')}>
          <CaseMeetings detail={detail} />
        </Section>
      ) : null}
      {detail.rating ? (
        <Section title={t('cases.detail.rating')}>
          <CaseRatingNote detail={detail} />
        </Section>
      ) : null}
      <Section title={t('cases.detail.files')}>
        <CaseFiles files={detail.files} />
      </Section>
      {detail.duplicates.length ? (
        <Section title={t('cases.detail.duplicates')} testId="case-detail-duplicates">
          <div className="cs-dup-hint">{t('cases.detail.duplicates.hint')}</div>
          <DuplicateList
            items={detail.duplicates}
            onMerge={canMerge ? setMergeInto : undefined}
            mergeLabel={t('cases.detail.mergeInto')}
          />
        </Section>
      ) : null}
    </>
  );

  const timeline = (
    <Section title={t('cases.detail.timeline')}>
      <CaseTimeline events={detail.timeline} files={detail.files} />
    </Section>
  );

  return (
    <div
      data-testid="case-detail-page"
      data-case-id={detail.id}
      data-state={detail.state}
      className="cs-detail"
    >
      {toolbar}
      <CaseHeader detail={detail} />
      {desk ? (
        <div className="cs-detail-grid">
          <div className="cs-detail-main">{record}</div>
          <aside className="cs-detail-side">
            <Section title={t('cases.detail.actions')} testId="case-actions-panel" className="cs-sticky">
              <CaseActions detail={detail} variant="panel" />
            </Section>
            {timeline}
          </aside>
        </div>
      ) : (
        <div className="cs-detail-phone">
          {record}
          {timeline}
          <CaseActions detail={detail} variant="bar" />
        </div>
      )}
      <CaseActionModal
        detail={detail}
        action={mergeInto ? 'merge' : null}
        initial={mergeInto ? { masterId: mergeInto.id } : undefined}
        onClose={() => setMergeInto(null)}
      />
    </div>
  );
}
