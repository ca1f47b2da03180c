import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useGridSearch } from '../api/search';
import { LevelTag } from './level-tag';

/**
 * Search box over the whole authorised tree (server side, max 50 hits). While a term is typed
 * the results replace the tree; clearing the box brings the tree back.
 */
export function GridSearch({
  value,
  onChange,
  onPick,
}: {
  value: string;
  onChange: (value: string) => void;
  onPick: (id: number) => void;
}) {
  const { t, locale } = useI18n();
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), 250);
    return () => clearTimeout(timer);
  }, [value]);
  const search = useGridSearch(debounced);
  const term = debounced.trim();

  return (
    <div>
      <Input
        data-testid="grid-search"
        allowClear
        prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
        placeholder={t('grid.search.placeholder')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onPressEnter={() => setDebounced(value)}
        aria-label={t('grid.search.placeholder')}
      />
      {term ? (
        <div className="og-search-results" data-testid="grid-search-results" style={{ marginTop: 8 }}>
          {search.isPending ? (
            <div style={{ textAlign: 'center', padding: 24 }}>
              <Spin />
            </div>
          ) : search.isError ? (
            <Typography.Text type="danger">{errorMessage(search.error, locale, t)}</Typography.Text>
          ) : search.data && search.data.length > 0 ? (
            <>
              <Typography.Text
                type="secondary"
                style={{ fontSize: 12, display: 'block', padding: '0 10px 4px' }}
              >
                {search.data.length >= 50
                  ? t('grid.search.many')
                  : t('grid.search.count', { count: search.data.length })}
              </Typography.Text>
              {search.data.map((hit) => (
                <button
                  type="button"
                  key={hit.id}
                  className="og-search-item"
                  data-testid="grid-search-hit"
                  onClick={() => onPick(hit.id)}
                >
                  <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
                    <Typography.Text strong delete={hit.retired}>
                      {hit.name}
                    </Typography.Text>
                    <LevelTag level={hit.level} compact />
                  </div>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)', marginTop: 2 }}>
                    {hit.pathNames.join(' / ')}
                  </div>
                  <div className="og-mono" style={{ fontSize: 12, color: 'rgba(0,0,0,0.4)' }}>
                    {hit.code}
                  </div>
                </button>
              ))}
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grid.search.empty')} />
          )}
        </div>
      ) : null}
    </div>
  );
}
