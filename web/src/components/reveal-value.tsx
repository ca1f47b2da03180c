import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { useI18n } from '../lib/i18n';

/**
 * A masked value with a 查看 button. Revealing asks first, because the server writes an audit
 * record for every reveal; the plain value then stays on screen until the page changes.
 */
export function RevealValue({
  masked,
  canReveal,
  reveal,
  testId,
}: {
  masked: string | null;
  canReveal: boolean;
  reveal: () => Promise<string>;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value !== null) {
    return (
      <Typography.Text className="og-mono" copyable data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Typography.Text>
    );
  }

  const run = async () => {
    setLoading(true);
    try {
      setValue(await reveal());
    } catch (error) {
      message.error(errorMessage(error, locale, t));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space size={4} wrap={false}>
      <span className="og-mono">{masked}</span>
      {canReveal ? (
        <Popconfirm
          title={t('reveal.confirm.title')}
          description={t('reveal.confirm.body')}
          okText={t('reveal.confirm.ok')}
          cancelText={t('common.cancel')}
          onConfirm={run}
        >
          <Button type="link" size="small" icon={<EyeOutlined />} loading={loading} data-testid={testId}>
            {t('reveal.button')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
