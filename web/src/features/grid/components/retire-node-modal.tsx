import { ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal, Space } from 'antd';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useRetireNode } from '../api/retire-node';
import type { GridNode } from '../api/types';

/** 撤销: a reason is required and recorded; a node with active children cannot be retired. */
export function RetireNodeModal({
  open,
  node,
  onClose,
  onDone,
}: {
  open: boolean;
  node: GridNode;
  onClose: () => void;
  onDone: (retired: GridNode) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const retire = useRetireNode();

  const submit = ({ reason }: { reason: string }) => {
    retire.mutate(
      { id: node.id, reason: reason.trim() },
      {
        onSuccess: (retired) => {
          message.success(t('grid.retire.done', { name: node.name }));
          onDone(retired);
        },
        onError: (error) => form.setFields([{ name: 'reason', errors: [errorMessage(error, locale, t)] }]),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={
        <Space>
          <ExclamationCircleFilled style={{ color: '#d48806' }} />
          {t('grid.retire.title', { name: node.name })}
        </Space>
      }
      okText={t('grid.retire.submit')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'retire-confirm' } as object) }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={retire.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('grid.retire.warning')} style={{ marginBottom: 16 }} />
      {node.childCount > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('grid.retire.hasChildren', { count: node.childCount })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('grid.retire.reason')}
          rules={[
            { required: true, whitespace: true, message: t('grid.retire.reason.required') },
            { max: 200, message: t('grid.retire.reason.max') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('grid.retire.reason.placeholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
