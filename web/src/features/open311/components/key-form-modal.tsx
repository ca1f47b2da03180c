import { App, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import { useCreateOpen311Key } from '../api/create-key';
import type { Open311Key, Open311KeyInput, Open311KeyIssued, Open311KeyMode } from '../api/types';
import { useUpdateOpen311Key } from '../api/update-key';
import { useOpen311Text } from '../messages';

const FIELDS = ['name', 'nodeId', 'mode'] as const;

/** Issue a key (name, jurisdiction node, mode) or edit one; a new key goes to `onIssued`, to be shown once. */
export function KeyFormModal({
  editing,
  onClose,
  onIssued,
}: {
  /** null: issue a new key. */
  editing: Open311Key | null;
  onClose: () => void;
  onIssued: (issued: Open311KeyIssued) => void;
}) {
  const { t, tCore, locale } = useOpen311Text();
  const { message } = App.useApp();
  const [form] = Form.useForm<Open311KeyInput>();
  const create = useCreateOpen311Key();
  const update = useUpdateOpen311Key();

  useEffect(() => {
    form.setFieldsValue(
      editing
        ? { name: editing.name, nodeId: editing.nodeId, mode: editing.mode }
        : { name: '', mode: 'realtime' as Open311KeyMode },
    );
  }, [editing, form]);

  const submit = async () => {
    // Field problems are shown on the fields; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const input = { ...values, name: values.name.trim() };
    try {
      if (editing) {
        await update.mutateAsync({ id: editing.id, patch: input });
        message.success(t('o311.saved'));
      } else {
        onIssued(await create.mutateAsync(input));
      }
      onClose();
    } catch (err) {
      const known = isApiError(err)
        ? err.details.filter((d) => (FIELDS as readonly string[]).includes(d.field))
        : [];
      if (known.length)
        form.setFields(known.map((d) => ({ name: d.field as (typeof FIELDS)[number], errors: [d.message] })));
      else message.error(errorMessage(err, locale, tCore));
    }
  };

  const mode = (value: Open311KeyMode) => (
    <Radio value={value} data-testid={`open311-mode-${value}`}>
      <span className="o311-mode-option">
        <span>{t(`o311.mode.${value}`)}</span>
        <span className="o311-mode-help">{t(`o311.mode.${value}.help`)}</span>
      </span>
    </Radio>
  );

  return (
    <Modal
      open
      title={editing ? t('o311.edit') : t('o311.create')}
      onCancel={onClose}
      onOk={submit}
      okText={editing ? tCore('common.save') : t('o311.create')}
      confirmLoading={create.isPending || update.isPending}
      width={560}
      destroyOnHidden
      okButtonProps={{ ...({ 'data-testid': 'open311-key-save' } as object) }}
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid="open311-key-form">
        <Form.Item
          name="name"
          label={t('o311.form.name')}
          rules={[{ required: true, whitespace: true, message: t('o311.form.name.required') }]}
        >
          <Input
            maxLength={100}
            placeholder={t('o311.form.name.placeholder')}
            data-testid="open311-key-name"
          />
        </Form.Item>
        <Form.Item
          name="nodeId"
          label={t('o311.form.node')}
          extra={t('o311.form.node.help')}
          rules={[{ required: true, message: t('o311.form.node.required') }]}
        >
          <GridNodePicker
            valueLabel={editing?.nodeName}
            allowClear={false}
            style={{ width: '100%' }}
            data-testid="open311-key-node"
          />
        </Form.Item>
        <Form.Item name="mode" label={t('o311.form.mode')} style={{ marginBottom: 0 }}>
          <Radio.Group className="o311-mode-group">
            {mode('realtime')}
            {mode('batch')}
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
