import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { useNotificationText } from '../messages';

/** Shows a new signing secret once, with how the receiver checks it. */
export function WebhookSecretModal({
  secret,
  name,
  onClose,
}: {
  secret: string;
  name: string;
  onClose: () => void;
}) {
  const { t } = useNotificationText();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      message.success(t('wh.secret.copied'));
    } catch {
      // A browser without clipboard access: the text is selectable.
    }
  };
  return (
    <Modal
      open
      title={`${t('wh.secret.title')} · ${name}`}
      onCancel={onClose}
      closable={false}
      maskClosable={false}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={copy}>
          {t('wh.secret.copy')}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose} data-testid="webhook-secret-done">
          {t('wh.secret.done')}
        </Button>,
      ]}
    >
      <code className="wh-secret" data-testid="webhook-secret">
        {secret}
      </code>
      <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('wh.secret.body')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12.5 }}>
        <code>X-OneGrid-Signature: sha256=HMAC_SHA256(secret, X-OneGrid-Timestamp + "." + body)</code>
      </Typography.Paragraph>
    </Modal>
  );
}
