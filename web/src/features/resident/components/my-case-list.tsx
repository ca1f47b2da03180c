import { RightOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { formatDate } from '../../../lib/format';
import type { MyCaseItem } from '../api/types';
import { useResidentText } from '../messages';
import { StateBadge } from './public-case-view';

/** 我的反映: newest first, the ones waiting for a rating flagged. */
export function MyCaseList({ items, onOpen }: { items: MyCaseItem[]; onOpen: (id: number) => void }) {
  const rt = useResidentText();
  if (!items.length) return <Empty description={rt('h5.mine.empty')} style={{ padding: '32px 0' }} />;
  return (
    <ul className="h5-list" data-testid="my-cases">
      {items.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className="h5-list-item"
            onClick={() => onOpen(c.id)}
            data-testid={`my-case-${c.number}`}
          >
            <div className="h5-list-main">
              <div className="h5-list-title">{c.title}</div>
              <div className="h5-list-sub">
                <span className="h5-nowrap">{c.number}</span> ·{' '}
                <span className="h5-nowrap">{c.categoryName}</span> ·{' '}
                <span className="h5-nowrap">{formatDate(c.createdAt)}</span>
              </div>
              {c.canRate ? (
                <div className="h5-list-sub" style={{ color: '#ad6800', fontWeight: 600 }}>
                  {rt('h5.mine.toRate')}
                </div>
              ) : null}
            </div>
            <StateBadge state={c.state} />
            <RightOutlined style={{ color: '#c0b5ab' }} />
          </button>
        </li>
      ))}
    </ul>
  );
}
