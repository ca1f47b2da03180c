import '../cases.css';
import { FileOutlined } from '@ant-design/icons';
import { Image } from 'antd';
import type { ReactNode } from 'react';
import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  CASE_SOURCE_LABELS,
  CLOSED_BY_LABELS,
  RATING_LABELS,
} from '../../../../../common/cases';
import { formatDateTime } from '../../../lib/format';
import type { CaseDetail, CaseFile } from '../api/types';
import { useCaseI18n } from '../messages';
import { CaseStateTag } from './case-state-tag';
import { CaseWarning, DueText, dueText, SupervisedFlag, UrgencyTag } from './case-warning';

const short = (value: string | null | undefined) => (value ? formatDateTime(value).slice(0, 16) : '—');

export function Section({
  title,
  extra,
  children,
  testId,
  className,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <section className={className ? `cs-section ${className}` : 'cs-section'} data-testid={testId}>
      <header className="cs-section-head">
        <h2>{title}</h2>
        {extra}
      </header>
      {children}
    </section>
  );
}

/** Number, state, warnings, title and both deadlines: what a worker must know before reading on. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t, label } = useCaseI18n();
  const open = !['closed', 'rejected', 'merged'].includes(detail.state);
  const responseOpen = open && detail.state === 'collected';
  const handlingOpen = open && !['handled', 'awaiting_rating'].includes(detail.state);
  return (
    <div className={`cs-header cs-header-${detail.warning}`} data-testid="case-header">
      <div className="cs-header-top">
        <span className="cs-number cs-number-lg" data-testid="case-number">
          {detail.number}
        </span>
        <CaseStateTag state={detail.state} size="large" />
        <CaseWarning level={detail.warning} />
        {detail.supervised ? <SupervisedFlag /> : null}
        <UrgencyTag urgency={detail.urgency} />
        {detail.reopenCount > 0 ? (
          <span className="cs-reopen">{t('cases.reopened', { count: detail.reopenCount })}</span>
        ) : null}
        {detail.headReview ? <span className="cs-reopen">{t('cases.headReview')}</span> : null}
      </div>
      <h1 className="cs-header-title" data-testid="case-title">
        {detail.title}
      </h1>
      <div className="cs-header-meta">
        <span>{detail.categoryName}</span>
        <span>{label(CASE_SOURCE_LABELS[detail.source])}</span>
        <span>{short(detail.createdAt)}</span>
        <span>{detail.nodeName}</span>
      </div>
      <div className="cs-deadlines">
        <div className="cs-deadline">
          <span className="cs-deadline-label">{t('cases.due.response')}</span>
          <span className="cs-deadline-at">{short(detail.responseDueAt)}</span>
          {responseOpen && detail.responseDueAt ? (
            <span className={`cs-due cs-due-${detail.warning}`}>{dueText(detail.responseDueAt, t)}</span>
          ) : null}
        </div>
        <div className="cs-deadline">
          <span className="cs-deadline-label">{t('cases.due.handling')}</span>
          <span className="cs-deadline-at" data-testid="case-handling-due">
            {short(detail.handlingDueAt)}
          </span>
          {handlingOpen && detail.handlingDueAt && !responseOpen ? <DueText item={detail} /> : null}
        </div>
      </div>
    </div>
  );
}

function Row({ k, children }: { k: ReactNode; children: ReactNode }) {
  return (
    <div className="cs-kv">
      <dt>{k}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Where, who raised it (masked), the 12345 number, and the outcome fields once they exist. */
export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const { t, label } = useCaseI18n();
  const reporter = detail.reporter;
  const reporterKind = reporter
    ? reporter.kind === 'anonymous'
      ? t('cases.detail.reporter.anonymous')
      : reporter.kind === 'user'
        ? t('cases.detail.reporter.user')
        : t('cases.detail.reporter.resident')
    : null;
  return (
    <dl className="cs-kvs" data-testid="case-facts">
      {detail.roomLabel ? (
        <Row k={t('cases.detail.room')}>
          <span className="og-room">{detail.roomLabel}</span>
        </Row>
      ) : null}
      {detail.address ? <Row k={t('cases.detail.address')}>{detail.address}</Row> : null}
      <Row k={t('cases.detail.node')}>{detail.nodeName}</Row>
      {detail.lat !== null && detail.lng !== null ? (
        <Row k={t('cases.detail.coords')}>
          {detail.lat.toFixed(5)}, {detail.lng.toFixed(5)}
        </Row>
      ) : null}
      <Row k={t('cases.detail.reporter')}>
        <span data-testid="case-reporter">
          {reporter ? (
            <>
              {reporter.name ?? reporterKind}
              {reporter.phoneMasked ? <span className="og-mono cs-phone">{reporter.phoneMasked}</span> : null}
              {reporter.name ? <span className="og-muted"> · {reporterKind}</span> : null}
            </>
          ) : (
            <span className="og-muted">{t('cases.detail.reporter.none')}</span>
          )}
        </span>
      </Row>
      {detail.externalId ? (
        <Row k={t('cases.detail.external')}>
          <span className="og-mono">{detail.externalId}</span>
        </Row>
      ) : null}
      {detail.masterNumber ? (
        <Row k={t('cases.detail.master')}>
          <a href={`/cases/${detail.masterId}`} className="cs-number">
            {detail.masterNumber}
          </a>
        </Row>
      ) : null}
      {detail.closedBy ? (
        <Row k={t('cases.detail.closedBy')}>{label(CLOSED_BY_LABELS[detail.closedBy])}</Row>
      ) : null}
    </dl>
  );
}

/** 分办单位: the lead first, each with its own sub-status, deadline, reply or return reason. */
export function CaseAssignments({ detail }: { detail: CaseDetail }) {
  const { t, label } = useCaseI18n();
  if (detail.assignments.length === 0) {
    return <div className="og-muted">{t('cases.detail.assignments.none')}</div>;
  }
  const list = [...detail.assignments].sort((a, b) =>
    a.role === b.role ? a.id - b.id : a.role === 'lead' ? -1 : 1,
  );
  return (
    <ul className="cs-assignments" data-testid="case-assignments">
      {list.map((a) => (
        <li
          key={a.id}
          className={`cs-assignment cs-assignment-${a.status}`}
          data-testid={`case-assignment-${a.id}`}
        >
          <div className="cs-assignment-top">
            <span className={`cs-role cs-role-${a.role}`}>{label(ASSIGNMENT_ROLE_LABELS[a.role])}</span>
            <span className="cs-assignment-unit">{a.unitName}</span>
            <span className={`cs-substatus cs-substatus-${a.status}`} data-testid="case-assignment-status">
              {label(ASSIGNMENT_STATUS_LABELS[a.status])}
            </span>
          </div>
          <div className="cs-sub">
            {a.dueAt ? t('cases.detail.assignment.due', { time: short(a.dueAt) }) : null}
            {a.signedAt ? ` · ${t('cases.detail.assignment.signed', { time: short(a.signedAt) })}` : null}
          </div>
          {a.reply ? (
            <div className="cs-assignment-note">
              <b>{t('cases.detail.assignment.reply')}：</b>
              {a.reply}
            </div>
          ) : null}
          {a.returnReason ? (
            <div className="cs-assignment-note cs-assignment-returned">
              <b>{t('cases.detail.assignment.returned')}：</b>
              {a.returnReason}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** 协调会: when and where, who came, what was decided, who does what by when. */
export function CaseMeetings({ detail }: { detail: CaseDetail }) {
  const { t } = useCaseI18n();
  return (
    <div className="cs-meetings" data-testid="case-meetings">
      {detail.meetings.map((m) => (
        <article key={m.id} className="cs-meeting" data-testid={`case-meeting-${m.id}`}>
          <div className="cs-meeting-head">
            <b>{short(m.heldAt)}</b>
            {m.place ? <span className="og-muted"> · {m.place}</span> : null}
          </div>
          <div className="cs-meeting-row">
            <span className="cs-meeting-k">{t('cases.detail.meeting.attendees')}</span>
            <span>{m.attendees.join('、')}</span>
          </div>
          <div className="cs-meeting-row">
            <span className="cs-meeting-k">{t('cases.detail.meeting.decisions')}</span>
            <span className="cs-pre">{m.decisions}</span>
          </div>
          {m.actionItems.length ? (
            <div className="cs-meeting-row">
              <span className="cs-meeting-k">{t('cases.detail.meeting.items')}</span>
              <ol className="cs-meeting-items">
                {m.actionItems.map((item, i) => (
                  // Items have no id of their own; their order is their identity within the meeting.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <li key={i}>
                    <b>{item.who}</b>：{item.what}
                    {item.by ? <span className="og-muted">（{item.by.slice(0, 10)}）</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </article>
      ))}
    </div>
  );
}

export function CaseExtensionNote({ detail }: { detail: CaseDetail }) {
  const { t } = useCaseI18n();
  const ext = detail.extension;
  if (!ext) return null;
  const stateText =
    ext.state === 'pending'
      ? t('cases.detail.extension.pending')
      : ext.state === 'approved'
        ? t('cases.detail.extension.approved')
        : t('cases.detail.extension.denied');
  return (
    <div className={`cs-extension cs-extension-${ext.state}`} data-testid="case-extension">
      <span className={`cs-substatus cs-ext-${ext.state}`}>{stateText}</span>
      <span>{t('cases.detail.extension.line', { days: ext.days, reason: ext.reason })}</span>
    </div>
  );
}

export function CaseRatingNote({ detail }: { detail: CaseDetail }) {
  const { t, label } = useCaseI18n();
  const r = detail.rating;
  if (!r) return null;
  return (
    <div className={`cs-rating cs-rating-${r.rating}`} data-testid="case-rating">
      <span className="cs-rating-value">{label(RATING_LABELS[r.rating])}</span>
      <span>{r.resolved ? t('cases.detail.rating.resolved') : t('cases.detail.rating.unresolved')}</span>
      <span className="og-muted">{short(r.at)}</span>
      {r.comment ? <div className="cs-rating-comment">“{r.comment}”</div> : null}
    </div>
  );
}

/** 照片与附件: photos as a tap-to-enlarge gallery, other files as links. */
export function CaseFiles({ files }: { files: CaseFile[] }) {
  const { t } = useCaseI18n();
  if (files.length === 0) return <div className="og-muted">{t('cases.detail.files.none')}</div>;
  const photos = files.filter((f) => f.mime.startsWith('image/'));
  const others = files.filter((f) => !f.mime.startsWith('image/'));
  return (
    <div data-testid="case-files">
      {photos.length ? (
        <div className="cs-gallery">
          <Image.PreviewGroup>
            {photos.map((f) => (
              <Image
                key={f.id}
                src={f.url}
                alt={f.filename}
                width={88}
                height={88}
                className="cs-gallery-img"
              />
            ))}
          </Image.PreviewGroup>
        </div>
      ) : null}
      {others.length ? (
        <ul className="cs-file-list">
          {others.map((f) => (
            <li key={f.id}>
              <a href={f.url} target="_blank" rel="noreferrer">
                <FileOutlined /> {f.filename}
              </a>
              <span className="og-muted"> {(f.size / 1024).toFixed(0)} KB</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The outcome in words: why it was not taken up, or what was done. Shown above everything else. */
export function CaseOutcome({ detail }: { detail: CaseDetail }) {
  const { t } = useCaseI18n();
  if (!detail.rejectReason && !detail.result) return null;
  return (
    <section
      className={`cs-section cs-outcome ${detail.rejectReason ? 'cs-outcome-rejected' : 'cs-outcome-result'}`}
      data-testid="case-outcome"
    >
      <header className="cs-section-head">
        <h2>{detail.rejectReason ? t('cases.detail.rejectReason') : t('cases.detail.result')}</h2>
      </header>
      <div
        className="cs-pre cs-description"
        data-testid={detail.rejectReason ? 'case-reject-reason' : 'case-result'}
      >
        {detail.rejectReason ?? detail.result}
      </div>
    </section>
  );
}
