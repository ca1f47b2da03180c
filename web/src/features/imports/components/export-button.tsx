import { DownloadOutlined, DownOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import type { QueryValue } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { usePermissions } from '../../auth/hooks/use-permissions';
import { type ExportKind, exportList } from '../api/imports';
import { useImportsI18n } from '../messages';

/**
 * 导出 Excel for any filtered list of residents or households: the server applies the same scope, masking and tag
 * visibility as the list. Holders of person.reveal may choose a plain export, which the server audits.
 */
export function ExportButton({
  kind,
  filters,
  size,
}: {
  kind: ExportKind;
  filters: Record<string, QueryValue>;
  size?: 'small' | 'middle' | 'large';
}) {
  const { t, locale } = useImportsI18n();
  const { message } = App.useApp();
  const { can } = usePermissions();
  const [busy, setBusy] = useState(false);
  const run = async (reveal: boolean) => {
    setBusy(true);
    try {
      const name = await exportList(kind, filters, reveal);
      message.success(t('exp.done', { name }));
    } catch (error) {
      message.error(errorMessage(error, locale, t));
    } finally {
      setBusy(false);
    }
  };
  if (kind === 'residents' && can('person.reveal'))
    return (
      <Space.Compact size={size}>
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          onClick={() => run(false)}
          data-testid="export-excel"
        >
          {t('exp.button')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'reveal', icon: <EyeOutlined />, label: t('exp.reveal'), onClick: () => run(true) },
            ],
          }}
        >
          <Button
            icon={<DownOutlined />}
            disabled={busy}
            aria-label={t('exp.reveal')}
            data-testid="export-excel-more"
          />
        </Dropdown>
      </Space.Compact>
    );
  return (
    <Button
      size={size}
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => run(false)}
      data-testid="export-excel"
    >
      {t('exp.button')}
    </Button>
  );
}
