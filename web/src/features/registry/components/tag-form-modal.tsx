import { Alert, App, Col, ColorPicker, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { ROLES } from '../../../../../common/permissions';
import { TAG_SENSITIVITIES } from '../../../../../common/tags';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { type TagInput, useSaveTag } from '../api/save-tag';
import type { Tag, TagAppliesTo, TagSensitivity } from '../api/types';
import { useRegistryI18n } from '../messages';
import { roleName, sensitivityLabel } from './labels';
import { TagChip } from './tag-chip';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  symbol: string;
  color: string | { toHexString: () => string };
  appliesTo: TagAppliesTo;
  sensitivity: TagSensitivity;
  visibleRoles: string[];
  riskLevels: string[];
  active: boolean;
}

const PRESET_COLORS = [
  '#c8161d',
  '#fa541c',
  '#d46b08',
  '#d4b106',
  '#7cb305',
  '#389e0d',
  '#13c2c2',
  '#1677ff',
  '#531dab',
  '#c41d7f',
  '#8c8c8c',
  '#391085',
];

function hex(color: Values['color'] | undefined): string {
  if (!color) return '#c8161d';
  return typeof color === 'string' ? color : color.toHexString();
}

/** Create or edit a dictionary tag (settings.write); derived tags keep their code, target and rule. */
export function TagFormModal({
  open,
  tag,
  onClose,
}: {
  open: boolean;
  tag: Tag | null;
  onClose: () => void;
}) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveTag();
  const editing = tag !== null;
  const preview = {
    code: Form.useWatch('code', form) ?? 'preview',
    symbol: Form.useWatch('symbol', form) || '?',
    color: hex(Form.useWatch('color', form)),
    name: { zh: Form.useWatch('nameZh', form) || '—', en: Form.useWatch('nameEn', form) || '—' },
  };

  const submit = (values: Values) => {
    const input: TagInput = {
      name: { zh: values.nameZh.trim(), en: values.nameEn.trim() },
      symbol: values.symbol.trim(),
      color: hex(values.color),
      sensitivity: values.sensitivity,
      visibleRoles: values.visibleRoles ?? [],
      riskLevels: (values.riskLevels ?? []).map((l) => l.trim()).filter(Boolean),
      active: values.active,
    };
    if (!editing) {
      input.code = values.code.trim();
      input.appliesTo = values.appliesTo;
    }
    save.mutate(
      { id: tag?.id ?? null, input },
      {
        onSuccess: () => {
          message.success(editing ? t('reg.tags.saved') : t('reg.tags.created', { name: input.name.zh }));
          onClose();
        },
        onError: (error) => {
          const mapped = applyFieldErrors(form, error, { 'name.zh': 'nameZh', 'name.en': 'nameEn' });
          if (!mapped) message.error(errorMessage(error, locale, t));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={editing ? t('reg.tags.edit') : t('reg.tags.create')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={620}
      okButtonProps={{ id: 'tag-save' }}
    >
      {tag?.derived ? (
        <Alert type="info" showIcon title={t('reg.tags.derivedLocked')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        data-testid="tag-form"
        initialValues={
          tag
            ? {
                code: tag.code,
                nameZh: tag.name.zh,
                nameEn: tag.name.en,
                symbol: tag.symbol,
                color: tag.color,
                appliesTo: tag.appliesTo,
                sensitivity: tag.sensitivity,
                visibleRoles: tag.visibleRoles,
                riskLevels: tag.riskLevels ?? [],
                active: tag.active,
              }
            : {
                color: '#c8161d',
                appliesTo: 'person',
                sensitivity: 'public',
                visibleRoles: [],
                riskLevels: [],
                active: true,
              }
        }
      >
        <div className="og-tag-preview">
          <span className="og-muted">{t('reg.tags.preview')}</span>
          <span className="og-room">3-2-501</span>
          <TagChip tag={preview} compact />
          <TagChip tag={preview} />
        </div>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('reg.tags.field.code')}
              extra={editing ? undefined : t('reg.tags.field.code.hint')}
              rules={[
                { required: true, message: t('reg.tags.field.code.required') },
                { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('reg.tags.field.code.format') },
              ]}
            >
              <Input disabled={editing} className="og-mono" maxLength={32} data-testid="tag-code" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="symbol"
              label={t('reg.tags.field.symbol')}
              tooltip={t('reg.tags.field.symbol.hint')}
              rules={[
                { required: true, whitespace: true, message: t('reg.tags.field.symbol.required') },
                {
                  validator: (_r, v: string | undefined) =>
                    !v || Array.from(v.trim()).length <= 2
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('reg.tags.field.symbol.max'))),
                },
              ]}
            >
              <Input maxLength={4} style={{ textAlign: 'center', fontSize: 18 }} data-testid="tag-symbol" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="color" label={t('reg.tags.field.color')} rules={[{ required: true }]}>
              <ColorPicker
                disabledAlpha
                showText
                presets={[{ label: t('reg.tags.field.color'), colors: PRESET_COLORS }]}
                data-testid="tag-color"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nameZh"
              label={t('reg.tags.field.nameZh')}
              rules={[{ required: true, whitespace: true, message: t('reg.tags.field.name.required') }]}
            >
              <Input maxLength={20} data-testid="tag-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nameEn"
              label={t('reg.tags.field.nameEn')}
              rules={[{ required: true, whitespace: true, message: t('reg.tags.field.name.required') }]}
            >
              <Input maxLength={60} data-testid="tag-name-en" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="appliesTo" label={t('reg.tags.field.appliesTo')} rules={[{ required: true }]}>
              <Select
                disabled={editing}
                options={[
                  { value: 'household', label: t('reg.tags.appliesTo.household') },
                  { value: 'person', label: t('reg.tags.appliesTo.person') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="sensitivity"
              label={t('reg.tags.field.sensitivity')}
              rules={[{ required: true }]}
            >
              <Select
                data-testid="tag-sensitivity"
                options={TAG_SENSITIVITIES.map((s) => ({ value: s, label: sensitivityLabel(s, locale) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="active" label={t('reg.tags.field.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="visibleRoles"
              label={t('reg.tags.field.visibleRoles')}
              extra={t('reg.tags.visible.defaultHint')}
            >
              <Select
                mode="multiple"
                allowClear
                placeholder={t('reg.tags.field.visibleRoles.placeholder')}
                options={ROLES.map((r) => ({ value: r, label: roleName(r, locale) }))}
                data-testid="tag-roles"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="riskLevels" label={t('reg.tags.field.riskLevels')}>
              <Select
                mode="tags"
                disabled={tag?.derived}
                placeholder={t('reg.tags.field.riskLevels.placeholder')}
                tokenSeparators={[',', '，', '、']}
                open={false}
                suffixIcon={null}
                data-testid="tag-levels"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
