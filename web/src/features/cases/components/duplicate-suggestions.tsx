import '../cases.css';
import { ExportOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Button, Skeleton } from 'antd';
import { Link } from 'react-router';
import { useDuplicates } from '../api/duplicates';
import type { CaseSummary, DuplicateQuery } from '../api/types';
import { useCaseI18n } from '../messages';
import { CaseStateTag } from './case-state-tag';
import { placeText } from './case-table';

function DuplicateItem({
  item,
  onMerge,
  busy,
  mergeLabel,
}: {
  item: CaseSummary;
  onMerge?: (item: CaseSummary) => void;
  busy?: boolean;
  mergeLabel: string;
}) {
  const { t } = useCaseI18n();
  return (
    <li className="cs-dup" data-testid={`case-duplicate-${item.id}`}>
      <div className="cs-dup-top">
        <span className="cs-number">{item.number}</span>
        <CaseStateTag state={item.state} />
      </div>
      <div className="cs-dup-title">{item.title}</div>
      <div className="cs-sub">
        {placeText(item)} · {item.categoryName} · {item.createdAt.slice(0, 10)}
      </div>
      <div className="cs-dup-actions">
        <Link to={`/cases/${item.id}`} target="_blank" rel="noreferrer" data-testid="case-duplicate-open">
          <ExportOutlined /> {t('common.open')}
        </Link>
        {onMerge ? (
          <Button
            size="small"
            icon={<MergeCellsOutlined />}
            onClick={() => onMerge(item)}
            disabled={busy}
            data-testid="case-duplicate-merge"
          >
            {mergeLabel}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/** A list of possible duplicates with open / merge buttons (used at intake and on the case page). */
export function DuplicateList({
  items,
  onMerge,
  busy,
  mergeLabel,
}: {
  items: CaseSummary[];
  onMerge?: (item: CaseSummary) => void;
  busy?: boolean;
  mergeLabel: string;
}) {
  return (
    <ul className="cs-dups">
      {items.map((item) => (
        <DuplicateItem key={item.id} item={item} onMerge={onMerge} busy={busy} mergeLabel={mergeLabel} />
      ))}
    </ul>
  );
}

/** Live suggestions while a case is being recorded: same place and category within 30 days, or similar words. */
export function DuplicateSuggestions({
  query,
  onMerge,
  busy,
  testId = 'case-duplicates',
}: {
  query: DuplicateQuery;
  onMerge: (item: CaseSummary) => void;
  busy?: boolean;
  testId?: string;
}) {
  const { t } = useCaseI18n();
  const dups = useDuplicates(query);
  const items = dups.data?.items ?? [];
  const asked = dups.fetchStatus !== 'idle' || dups.data !== undefined;
  return (
    <div className={`cs-dup-panel${items.length ? ' cs-dup-panel-hit' : ''}`} data-testid={testId}>
      <div className="cs-dup-head">
        {items.length ? t('cases.form.duplicates') : t('cases.detail.duplicates')}
        {items.length ? <span className="cs-count">{items.length}</span> : null}
      </div>
      {dups.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : items.length ? (
        <>
          <div className="cs-dup-hint">{t('cases.form.duplicates.hint')}</div>
          <DuplicateList
            items={items}
            onMerge={onMerge}
            busy={busy}
            mergeLabel={t('cases.form.duplicates.merge')}
          />
        </>
      ) : (
        <div className="og-muted cs-dup-none">
          {asked ? t('cases.form.duplicates.none') : t('cases.detail.duplicates.hint')}
        </div>
      )}
    </div>
  );
}
