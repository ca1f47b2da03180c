import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { useTags } from '../../../features/registry/api/list-tags';
import type { Tag } from '../../../features/registry/api/types';
import { TagFormModal } from '../../../features/registry/components/tag-form-modal';
import { TagsTable } from '../../../features/registry/components/tags-table';
import { useRegistryI18n } from '../../../features/registry/messages';
import { errorMessage } from '../../../lib/errors';

/** 标签字典: everyone who reads the grid sees the tags visible to them; settings.write edits. */
export function TagsPage() {
  const { t, locale } = useRegistryI18n();
  const { can } = usePermissions();
  const tags = useTags();
  const canEdit = can('settings.write');
  const [editing, setEditing] = useState<Tag | null | undefined>(undefined);

  return (
    <div data-testid="tags-page">
      <PageHeader
        title={t('nav.tags')}
        subtitle={t('reg.tags.subtitle')}
        extra={
          canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="tag-create"
            >
              {t('reg.tags.create')}
            </Button>
          ) : null
        }
      />
      <Card className="og-card" styles={{ body: { padding: 0 } }}>
        {!canEdit ? <Alert type="info" showIcon banner title={t('reg.tags.readOnly')} /> : null}
        {tags.isError ? (
          <Alert type="error" showIcon title={errorMessage(tags.error, locale, t)} style={{ margin: 16 }} />
        ) : null}
        <TagsTable
          data={tags.data ?? []}
          loading={tags.isLoading}
          canEdit={canEdit}
          onEdit={(tag) => setEditing(tag)}
        />
      </Card>
      {editing !== undefined ? (
        <TagFormModal open tag={editing} onClose={() => setEditing(undefined)} />
      ) : null}
    </div>
  );
}
