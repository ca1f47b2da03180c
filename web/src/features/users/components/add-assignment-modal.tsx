import { App, Form, Modal, Select } from 'antd';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import { useAddAssignment } from '../api/add-assignment';
import type { User } from '../api/types';
import { roleOptions } from './role-options';

export function AddAssignmentModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: string; nodeId: number }>();
  const add = useAddAssignment();

  return (
    <Modal
      open
      title={t('users.assignment.addFor', { name: user.displayName })}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'grid_worker' }}
        onFinish={(values) =>
          add.mutate(
            { userId: user.id, role: values.role, nodeId: values.nodeId },
            {
              onSuccess: () => {
                message.success(t('users.assignment.added'));
                onClose();
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
              },
            },
          )
        }
      >
        <Form.Item
          name="role"
          label={t('users.field.role')}
          rules={[{ required: true, message: t('users.role.required') }]}
        >
          <Select options={roleOptions(locale)} />
        </Form.Item>
        <Form.Item
          name="nodeId"
          label={t('users.field.node')}
          rules={[{ required: true, message: t('users.node.required') }]}
        >
          <GridNodePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
