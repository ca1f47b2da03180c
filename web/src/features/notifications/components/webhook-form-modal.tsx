import { App, Checkbox, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useMemo } from 'react';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import type { WebhookEndpoint, WebhookEndpointInput } from '../api/types';
import { useCreateWebhook, useUpdateWebhook, useWebhookEventTypes } from '../api/webhooks';
import { useNotificationText } from '../messages';

/** Add or edit an endpoint; a new one hands its secret to `onCreated` (shown once). */
export function WebhookFormModal({
  endpoint,
  onClose,
  onCreated,
}: {
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
  onCreated: (secret: string, name: string) => void;
}) {
  const { t, tCore, locale } = useNotificationText();
  const { message } = App.useApp();
  const [form] = Form.useForm<WebhookEndpointInput>();
  const types = useWebhookEventTypes();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const all = useMemo(() => (types.data ?? []).map((e) => e.type), [types.data]);
  const chosen = Form.useWatch('events', form) ?? [];

  useEffect(() => {
    form.setFieldsValue(
      endpoint
        ? { name: endpoint.name, url: endpoint.url, events: endpoint.events, active: endpoint.active }
        : { name: '', url: '', events: ['case.created'], active: true },
    );
  }, [endpoint, form]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      if (endpoint) {
        await update.mutateAsync({ id: endpoint.id, patch: values });
        message.success(t('wh.saved'));
      } else {
        const r = await create.mutateAsync(values);
        onCreated(r.secret, r.endpoint.name);
      }
      onClose();
    } catch (err) {
      if (isApiError(err) && err.details.length) {
        form.setFields(
          err.details
            .filter((d) => ['name', 'url', 'events'].includes(d.field))
            .map((d) => ({ name: d.field as keyof WebhookEndpointInput, errors: [d.message] })),
        );
      } else message.error(errorMessage(err, locale, tCore));
    }
  };

  return (
    <Modal
      open
      title={endpoint ? t('wh.edit') : t('wh.create')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending || update.isPending}
      width={640}
      destroyOnHidden
      okButtonProps={{ ...({ 'data-testid': 'webhook-save' } as object) }}
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid="webhook-form">
        <Form.Item
          name="name"
          label={t('wh.form.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('wh.form.required', { field: t('wh.form.name') }),
            },
          ]}
        >
          <Input maxLength={100} placeholder={t('wh.form.name.placeholder')} data-testid="webhook-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('wh.form.url')}
          rules={[
            { required: true, whitespace: true, message: t('wh.form.required', { field: t('wh.col.url') }) },
          ]}
        >
          <Input maxLength={2000} placeholder="https://" className="wh-url" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item
          label={
            <span style={{ display: 'inline-flex', gap: 12, alignItems: 'center' }}>
              {t('wh.form.events')}
              <Checkbox
                checked={all.length > 0 && chosen.length === all.length}
                indeterminate={chosen.length > 0 && chosen.length < all.length}
                onChange={(e) => form.setFieldValue('events', e.target.checked ? all : [])}
                data-testid="webhook-events-all"
              >
                {t('wh.form.events.all')}
              </Checkbox>
            </span>
          }
        >
          <Form.Item
            name="events"
            noStyle
            rules={[{ type: 'array', min: 1, message: t('wh.form.eventsRequired') }]}
          >
            <Checkbox.Group style={{ width: '100%', display: 'block' }}>
              <div className="wh-events-grid">
                {(types.data ?? []).map((e) => (
                  <Checkbox key={e.type} value={e.type}>
                    {locale === 'en' ? e.label.en : e.label.zh}
                  </Checkbox>
                ))}
              </div>
            </Checkbox.Group>
          </Form.Item>
        </Form.Item>
        <Form.Item
          name="active"
          label={t('wh.form.active')}
          valuePropName="checked"
          style={{ marginBottom: 0 }}
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
