import { CameraOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { CASE_STATE_LABELS, type CaseState, RATING_LABELS } from '../../../../../common/cases';
import { formatDateTime } from '../../../lib/format';
import { pickLabel, useI18n } from '../../../lib/i18n';
import type { PublicCase } from '../api/types';
import { type ResidentMessageKey, useResidentText } from '../messages';

const STEP_KEYS: ResidentMessageKey[] = [
  'h5.case.step.collected',
  'h5.case.step.accepted',
  'h5.case.step.working',
  'h5.case.step.handled',
  'h5.case.step.rated',
];

const STEP_OF: Partial<Record<CaseState, number>> = {
  collected: 0,
  accepted: 1,
  dispatched: 2,
  in_progress: 2,
  handled: 3,
  awaiting_rating: 3,
  closed: 4,
};

export function stateTone(state: CaseState): 'open' | 'rate' | 'done' | 'stop' {
  if (state === 'awaiting_rating') return 'rate';
  if (state === 'closed') return 'done';
  if (state === 'rejected' || state === 'merged') return 'stop';
  return 'open';
}

export function StateBadge({ state }: { state: CaseState }) {
  const { locale } = useI18n();
  return (
    <span className={`h5-state h5-state-${stateTone(state)}`} data-testid="case-state">
      {pickLabel(CASE_STATE_LABELS[state], locale)}
    </span>
  );
}

function Steps({ state }: { state: CaseState }) {
  const rt = useResidentText();
  const current = STEP_OF[state];
  if (current === undefined) return null;
  return (
    <ol className="h5-steps" aria-label={rt('h5.case.state')} style={{ listStyle: 'none', padding: 0 }}>
      {STEP_KEYS.map((k, i) => (
        <li
          key={k}
          className={`h5-step${i <= current ? ' h5-step-done' : ''}${i === current ? ' h5-step-current' : ''}`}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className="h5-step-dot" />
          <span>{rt(k)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The case as a resident sees it: status, the five big steps, what they said, who handles it (units, not people),
 * the result, and the public timeline newest first. `children` holds the rating panel when it is their turn.
 */
export function PublicCaseView({
  c,
  onRefresh,
  refreshing,
  children,
}: {
  c: PublicCase;
  onRefresh?: () => void;
  refreshing?: boolean;
  children?: ReactNode;
}) {
  const rt = useResidentText();
  const { locale } = useI18n();
  const timeline = [...c.timeline].reverse();
  return (
    <div data-testid="public-case">
      <section className="h5-card">
        <div className="h5-case-head">
          <div style={{ minWidth: 0 }}>
            <div className="h5-case-number">{c.number}</div>
            <h1 className="h5-case-title">{c.title}</h1>
          </div>
          <StateBadge state={c.state} />
        </div>
        <Steps state={c.state} />
        {c.state === 'merged' && c.masterNumber ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={rt('h5.case.merged', { number: c.masterNumber })}
          />
        ) : null}
        {c.state === 'rejected' && c.rejectReason ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={rt('h5.case.rejectReason')}
            description={c.rejectReason}
          />
        ) : null}
      </section>

      {c.result ? (
        <section className="h5-card" data-testid="case-result">
          <h2 className="h5-section-title">{rt('h5.case.result')}</h2>
          <p className="h5-quote">{c.result}</p>
        </section>
      ) : null}

      {children}

      {c.rating ? (
        <section className="h5-card" data-testid="case-rating">
          <h2 className="h5-section-title">{rt('h5.case.rated')}</h2>
          <div style={{ fontSize: 16, fontWeight: 600 }}>
            {pickLabel(RATING_LABELS[c.rating.rating], locale)} ·{' '}
            {c.rating.resolved ? rt('h5.case.resolved') : rt('h5.case.unresolved')}
          </div>
          {c.rating.comment ? (
            <p className="h5-quote" style={{ marginTop: 8 }}>
              {c.rating.comment}
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="h5-card">
        <dl className="h5-facts">
          <dt>{rt('h5.case.category')}</dt>
          <dd>{c.categoryName}</dd>
          {c.place ? (
            <>
              <dt>{rt('h5.case.place')}</dt>
              <dd>{c.place}</dd>
            </>
          ) : null}
          <dt>{rt('h5.case.reportedAt')}</dt>
          <dd>{formatDateTime(c.createdAt)}</dd>
          {c.units.length ? (
            <>
              <dt>{rt('h5.case.units')}</dt>
              <dd data-testid="case-units">
                {c.units
                  .map((u) => {
                    const role = rt(u.role === 'lead' ? 'h5.case.unit.lead' : 'h5.case.unit.assist');
                    return locale === 'en' ? `${u.name} (${role})` : `${u.name}（${role}）`;
                  })
                  .join(locale === 'en' ? ', ' : '、')}
              </dd>
            </>
          ) : null}
        </dl>
        <h2 className="h5-section-title" style={{ marginTop: 14 }}>
          {rt('h5.case.description')}
        </h2>
        <p className="h5-quote">{c.description}</p>
        {c.photoCount ? (
          <div className="h5-hint" style={{ marginTop: 6 }}>
            <CameraOutlined /> {rt('h5.case.photos', { count: c.photoCount })}
          </div>
        ) : null}
      </section>

      <section className="h5-card">
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <h2 className="h5-section-title">{rt('h5.case.timeline')}</h2>
          {onRefresh ? (
            <Button type="text" icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh}>
              {rt('h5.case.refresh')}
            </Button>
          ) : null}
        </div>
        <ol className="h5-timeline" data-testid="public-timeline">
          {timeline.map((e) => (
            <li key={e.id} className="h5-tl-item">
              <span className="h5-tl-dot" />
              <div className="h5-tl-head">
                <span className="h5-tl-action">{rt(`h5.tl.${e.action}` as ResidentMessageKey)}</span>
                <span className="h5-tl-who">{e.who}</span>
              </div>
              <div className="h5-tl-at">{formatDateTime(e.at)}</div>
              {e.note ? <div className="h5-tl-note">{e.note}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
