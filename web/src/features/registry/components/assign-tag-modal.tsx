import { App, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useAssignTag } from '../api/assign-tag';
import { useTags } from '../api/list-tags';
import type { HouseholdCard, TagRef } from '../api/types';
import { useRegistryI18n } from '../messages';
import { relationLabel } from './labels';
import { TagSelect } from './tag-select';

interface Values {
  tagCode: string;
  target: 'household' | number;
  riskLevel?: string;
  note?: string;
}

/**
 * 添加标签 on a household card: household tags go on the household, person tags on a chosen member;
 * the risk level is asked for only when the tag has levels. Derived tags are not offered.
 */
export function AssignTagModal({
  open,
  household,
  onClose,
}: {
  open: boolean;
  household: HouseholdCard;
  onClose: () => void;
}) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const tags = useTags();
  const assign = useAssignTag();
  const tagCode = Form.useWatch('tagCode', form);
  const tag = useMemo(() => tags.data?.find((x) => x.code === tagCode), [tags.data, tagCode]);
  const people = household.members.filter((m) => m.status === 'active');
  const levels = tag?.riskLevels ?? [];

  const submit = (values: Values) => {
    const input = {
      tagCode: values.tagCode,
      residentId: values.target === 'household' ? undefined : values.target,
      riskLevel: levels.length ? values.riskLevel : undefined,
      note: values.note?.trim() || undefined,
    };
    assign.mutate(
      { householdId: household.id, input },
      {
        onSuccess: () => {
          message.success(
            t('reg.tag.assigned', {
              tag: tag ? (locale === 'en' ? tag.name.en : tag.name.zh) : values.tagCode,
            }),
          );
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, { residentId: 'target' }))
            message.error(errorMessage(error, locale, t));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('reg.tag.assign.title')}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      destroyOnHidden
      okButtonProps={{ id: 'tag-assign-submit' }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ target: 'household' }}
        data-testid="tag-assign-form"
      >
        <Form.Item
          name="tagCode"
          label={t('reg.tag.assign.tag')}
          rules={[{ required: true, message: t('reg.tag.assign.tag.required') }]}
        >
          <TagSelect
            testId="tag-assign-select"
            filter={(x) => !x.derived && (x.appliesTo === 'household' || people.length > 0)}
            onChange={(_code, picked) => {
              form.setFieldsValue({
                riskLevel: undefined,
                target:
                  picked?.appliesTo === 'person'
                    ? people.length === 1
                      ? people[0].id
                      : undefined
                    : 'household',
              } as Partial<Values>);
            }}
          />
        </Form.Item>
        <Form.Item
          name="target"
          label={t('reg.tag.assign.target')}
          rules={[{ required: true, message: t('reg.tag.assign.person.required') }]}
          extra={people.length === 0 ? t('reg.tag.assign.noPeople') : undefined}
        >
          <Select
            data-testid="tag-assign-target"
            placeholder={t('reg.tag.assign.person.required')}
            options={[
              ...(tag?.appliesTo === 'person'
                ? []
                : [{ value: 'household' as const, label: t('reg.tag.assign.target.household') }]),
              ...(tag?.appliesTo === 'household'
                ? []
                : people.map((m) => ({
                    value: m.id,
                    label: `${m.name}（${relationLabel(m.relation, locale)}）`,
                  }))),
            ]}
          />
        </Form.Item>
        {levels.length ? (
          <Form.Item
            name="riskLevel"
            label={t('reg.tag.assign.riskLevel')}
            rules={[{ required: true, message: t('reg.tag.assign.riskLevel.required') }]}
          >
            <Select
              data-testid="tag-assign-level"
              options={levels.map((level) => ({ value: level, label: level }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('reg.tag.assign.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function tagName(tag: TagRef, locale: 'zh-CN' | 'en') {
  return locale === 'en' ? tag.name.en : tag.name.zh;
}
