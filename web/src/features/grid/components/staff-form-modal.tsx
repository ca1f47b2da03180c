import { App, Form, Input, Modal, Select } from 'antd';
import { STAFF_POST_LABELS, STAFF_POSTS } from '../../../../../common/grid';
import { parseMobile } from '../../../../../common/phone';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { pickLabel, useI18n } from '../../../lib/i18n';
import { useAddStaff } from '../api/add-staff';

interface Values {
  post: string;
  name: string;
  phone?: string;
}

/** 添加人员: post, name and an optional mobile number (normalised, stored encrypted, shown masked). */
export function StaffFormModal({
  open,
  nodeId,
  onClose,
}: {
  open: boolean;
  nodeId: number;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddStaff();

  const submit = (values: Values) => {
    const phone = values.phone?.trim() ? parseMobile(values.phone) : null;
    add.mutate(
      {
        nodeId,
        input: {
          post: values.post,
          name: values.name.trim(),
          phone: phone?.ok ? phone.value : undefined,
        },
      },
      {
        onSuccess: () => {
          message.success(t('grid.staff.added'));
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
      title={t('grid.staff.add')}
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
        onFinish={submit}
        initialValues={{ post: 'fulltime_worker' }}
        requiredMark="optional"
      >
        <Form.Item name="post" label={t('grid.staff.post')} rules={[{ required: true }]}>
          <Select
            options={STAFF_POSTS.map((p) => ({ value: p, label: pickLabel(STAFF_POST_LABELS[p], locale) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('grid.staff.name')}
          rules={[{ required: true, whitespace: true, message: t('grid.staff.name.required') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('grid.staff.phone')}
          rules={[
            {
              validator: (_rule, value: string | undefined) =>
                !value?.trim() || parseMobile(value).ok
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('form.phone.invalid'))),
            },
          ]}
        >
          <Input inputMode="tel" maxLength={20} placeholder="138 0000 0000" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
