import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Open311KeyIssued } from '../api/types';
import { useOpen311Text } from '../messages';
import { copyText } from './copy-text';

/** The new key, shown this once: a warning that it will not be shown again, a copy button, then gone. */
export function KeyIssuedModal({ issued, onClose }: { issued: Open311KeyIssued; onClose: () => void }) {
  const { t } = useOpen311Text();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const ok = await copyText(issued.key);
    setCopied(ok);
    if (ok) message.success(t('o311.issued.copied'));
    else message.warning(t('o311.issued.copyFailed'));
  };
  return (
    <Modal
      open
      title={t('o311.issued.title', { name: issued.name })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={560}
      footer={[
        <Button
          key="copy"
          icon={copied ? <CheckOutlined /> : <CopyOutlined />}
          onClick={copy}
          data-testid="open311-key-copy"
        >
          {copied ? t('o311.issued.copied') : t('o311.issued.copy')}
        </Button>,
        <Button key="done" type="primary" onClick={onClose} data-testid="open311-key-done">
          {t('o311.issued.done')}
        </Button>,
      ]}
    >
      <Alert
        type="warning"
        showIcon
        title={t('o311.issued.warning')}
        style={{ marginBottom: 12 }}
        data-testid="open311-key-warning"
      />
      <code className="o311-key" data-testid="open311-key-value">
        {issued.key}
      </code>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
        {t('o311.issued.usage')}
      </Typography.Paragraph>
    </Modal>
  );
}
