import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { parseIdNumber } from '../../../../../common/id-number';
import { parseMobile } from '../../../../../common/phone';
import { PasswordHints, passwordProblemsText } from '../../../components/password-hints';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import { useCreateUser } from '../api/create-user';
import { roleOptions } from './role-options';

interface Values {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  idNumber?: string;
  assignments: Array<{ role?: string; nodeId?: number | null }>;
}

const USERNAME_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/;

/** 新建用户: strength hints from the shared password policy, roles granted per grid node. */
export function CreateUserModal({
  open,
  onClose,
  defaultNode,
}: {
  open: boolean;
  onClose: () => void;
  defaultNode: { id: number; name: string } | null;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const password = Form.useWatch('password', form) ?? '';
  const username = Form.useWatch('username', form) ?? '';

  const submit = (values: Values) => {
    const phone = values.phone?.trim() ? parseMobile(values.phone) : null;
    const assignments = values.assignments
      .filter((a): a is { role: string; nodeId: number } => Boolean(a.role) && typeof a.nodeId === 'number')
      .map((a) => ({ role: a.role, nodeId: a.nodeId }));
    create.mutate(
      {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        phone: phone?.ok ? phone.value : undefined,
        idNumber: values.idNumber?.trim() ? values.idNumber.trim().toUpperCase() : undefined,
        assignments,
      },
      {
        onSuccess: (user) => {
          message.success(t('users.created', { name: user.displayName }));
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={680}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        initialValues={{ assignments: [{ role: 'grid_worker', nodeId: defaultNode?.id ?? null }] }}
        data-testid="create-user-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('users.field.username')}
              extra={t('users.username.hint')}
              rules={[
                { required: true, message: t('users.username.required') },
                { pattern: USERNAME_RE, message: t('users.username.format') },
              ]}
            >
              <Input autoComplete="off" maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('users.field.displayName')}
              rules={[{ required: true, whitespace: true, message: t('users.displayName.required') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="password"
          label={t('users.field.initialPassword')}
          extra={<PasswordHints password={password} username={username} />}
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
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label={t('users.field.phone')}
              rules={[
                {
                  validator: (_rule, value: string | undefined) =>
                    !value?.trim() || parseMobile(value).ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('form.phone.invalid'))),
                },
              ]}
            >
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="idNumber"
              label={t('users.field.idNumber')}
              rules={[
                {
                  validator: (_rule, value: string | undefined) =>
                    !value?.trim() || parseIdNumber(value.trim()).ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('form.idNumber.invalid'))),
                },
              ]}
            >
              <Input maxLength={18} className="og-mono" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          {t('users.field.assignments')}
        </Typography.Text>
        <Form.List name="assignments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex', marginBottom: 4 }} wrap>
                  <Form.Item
                    name={[field.name, 'role']}
                    rules={[{ required: true, message: t('users.role.required') }]}
                    style={{ width: 180, marginBottom: 8 }}
                  >
                    <Select options={roleOptions(locale)} placeholder={t('users.field.role')} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'nodeId']}
                    rules={[{ required: true, message: t('users.node.required') }]}
                    style={{ width: 280, maxWidth: '70vw', marginBottom: 8 }}
                  >
                    <GridNodePicker
                      valueLabel={defaultNode?.name}
                      style={{ width: '100%' }}
                      placeholder={t('users.field.node')}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.remove')}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'grid_worker' })}>
                {t('users.assignment.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
