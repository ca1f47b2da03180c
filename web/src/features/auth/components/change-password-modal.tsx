import { Alert, App, Form, Input, Modal } from 'antd';
import { PasswordHints, passwordProblemsText } from '../../../components/password-hints';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n';
import { useChangePassword } from '../api/change-password';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({
  open,
  onClose,
  username,
  forced = false,
}: {
  open: boolean;
  onClose: () => void;
  username: string;
  /** The server demands a new password before anything else (mustChangePassword). */
  forced?: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const newPassword = Form.useWatch('newPassword', form) ?? '';

  const submit = (values: Values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t('password.changed'));
          form.resetFields();
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'PASSWORD_WRONG') {
            form.setFields([{ name: 'currentPassword', errors: [errorMessage(error, locale, t)] }]);
            return;
          }
          if (
            isApiError(error) &&
            error.code === 'PASSWORD_WEAK' &&
            !applyFieldErrors(form, error, { password: 'newPassword' })
          ) {
            form.setFields([{ name: 'newPassword', errors: [errorMessage(error, locale, t)] }]);
            return;
          }
          if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('password.change.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={{ style: forced ? { display: 'none' } : undefined }}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      {forced ? (
        <Alert type="warning" showIcon title={t('password.change.forced')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} preserve={false}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.current.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={<PasswordHints password={newPassword} username={username} />}
          rules={[
            { required: true, message: t('password.new.required') },
            {
              validator: (_rule, value: string) => {
                const problems = value ? passwordProblemsText(value, username, locale) : null;
                return problems ? Promise.reject(new Error(problems)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirm.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.confirm.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
