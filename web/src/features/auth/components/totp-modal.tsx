import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Result, Space, Spin, Steps, Typography } from 'antd';
import { useEffect } from 'react';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useDisableTotp, useEnableTotp, useStartTotpSetup } from '../api/totp';

const CODE_RULES = (t: (key: 'login.totp.required' | 'login.totp.format') => string) => [
  { required: true, message: t('login.totp.required') },
  { pattern: /^\d{6}$/, message: t('login.totp.format') },
];

/** Two-step sign-in: show the QR code from the server, then confirm with the first code. */
export function TotpModal({
  open,
  onClose,
  enabled,
  forced = false,
}: {
  open: boolean;
  onClose: () => void;
  enabled: boolean;
  forced?: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const setup = useStartTotpSetup();
  const enable = useEnableTotp();
  const disable = useDisableTotp();
  const { mutate: startSetup, reset: resetSetup } = setup;

  useEffect(() => {
    if (open && !enabled) startSetup();
    if (!open) resetSetup();
  }, [open, enabled, startSetup, resetSetup]);

  const submit = ({ code }: { code: string }) => {
    const action = enabled ? disable : enable;
    action.mutate(code.trim(), {
      onSuccess: () => {
        message.success(enabled ? t('totp.disabled') : t('totp.enabled'));
        form.resetFields();
        onClose();
      },
      onError: (error) => form.setFields([{ name: 'code', errors: [errorMessage(error, locale, t)] }]),
    });
  };

  const busy = enable.isPending || disable.isPending;

  return (
    <Modal
      open={open}
      title={
        <Space>
          <SafetyCertificateOutlined style={{ color: '#2f8f46' }} />
          {enabled ? t('totp.disable.title') : t('totp.setup.title')}
        </Space>
      }
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      footer={
        <Space>
          {forced ? null : <Button onClick={onClose}>{t('common.cancel')}</Button>}
          <Button
            type="primary"
            danger={enabled}
            loading={busy}
            onClick={() => form.submit()}
            disabled={!enabled && !setup.data}
          >
            {enabled ? t('totp.disable.submit') : t('totp.enable.submit')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      {forced ? (
        <Alert type="warning" showIcon title={t('totp.forced')} style={{ marginBottom: 16 }} />
      ) : null}
      {enabled ? (
        <Result
          icon={<CheckCircleFilled style={{ color: '#2f8f46' }} />}
          title={t('totp.isOn')}
          subTitle={t('totp.disable.hint')}
          style={{ padding: '8px 0 16px' }}
        />
      ) : (
        <>
          <Steps
            size="small"
            orientation="vertical"
            current={setup.data ? 1 : 0}
            items={[
              { title: t('totp.step.install') },
              { title: t('totp.step.scan') },
              { title: t('totp.step.confirm') },
            ]}
            style={{ marginBottom: 12 }}
          />
          {setup.isPending ? (
            <div style={{ textAlign: 'center', padding: 24 }}>
              <Spin />
            </div>
          ) : setup.isError ? (
            <Alert type="error" showIcon title={errorMessage(setup.error, locale, t)} />
          ) : setup.data ? (
            <div style={{ textAlign: 'center' }}>
              <img
                src={setup.data.qrDataUrl}
                alt={t('totp.qr.alt')}
                width={200}
                height={200}
                data-testid="totp-qr"
                style={{ border: '1px solid #ece7df', borderRadius: 8, padding: 8, background: '#fff' }}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 4 }}>
                {t('totp.secret.hint')}
              </Typography.Paragraph>
              <Typography.Text code copyable className="og-mono" style={{ wordBreak: 'break-all' }}>
                {setup.data.secret}
              </Typography.Text>
            </div>
          ) : null}
        </>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        style={{ marginTop: 16 }}
        preserve={false}
      >
        <Form.Item name="code" label={t('totp.code.label')} rules={CODE_RULES(t)}>
          <Input
            data-testid="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="000000"
            className="og-mono"
            style={{ letterSpacing: 6, textAlign: 'center', fontSize: 18 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
