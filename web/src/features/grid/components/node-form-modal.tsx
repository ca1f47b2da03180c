import { Alert, App, Checkbox, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import {
  childLevel,
  expectedCodeLength,
  GRID_LEVEL_LABELS,
  type GridLevel,
  validateNodeCode,
} from '../../../../../common/admin-codes';
import {
  defaultPartyOrgType,
  GRID_SUBJECT_LABELS,
  GRID_SUBJECTS,
  PARTY_ORG_TYPE_LABELS,
  PARTY_ORG_TYPES,
  type PartyOrgType,
} from '../../../../../common/grid';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { pickLabel, type UiLocale, useI18n } from '../../../lib/i18n';
import { useCreateNode } from '../api/create-node';
import type { GridNode } from '../api/types';
import { useUpdateNode } from '../api/update-node';

export interface NodeFormValues {
  code: string;
  name: string;
  subjects: string[];
  partyOrg: { type: string; name: string; secretaryName: string };
  boundary: string;
}

/** What a new child's code starts with: a district shares 省+地 (4 digits), deeper levels the whole parent code. */
export function codePrefixFor(level: GridLevel, parentCode: string): string {
  return level === 'district' ? parentCode.slice(0, 4) : parentCode;
}

/** The same check the server runs (common/admin-codes), shown in the UI language before submitting. */
export function checkNodeCode(
  level: GridLevel,
  code: string,
  parentCode: string | null,
  locale: UiLocale,
): string | null {
  const result = validateNodeCode(level, code, parentCode);
  return result.ok ? null : pickLabel(result.message, locale);
}

function suggestedPartyOrgName(nodeName: string, type: string, locale: UiLocale): string {
  const label = PARTY_ORG_TYPE_LABELS[type as PartyOrgType];
  if (!nodeName || !label) return '';
  return locale === 'en' ? `${nodeName} ${label.en}` : `${nodeName}${label.zh}`;
}

function parseBoundary(text: string): Record<string, unknown> | null | 'invalid' {
  if (!text.trim()) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value) && 'type' in value) {
      return value as Record<string, unknown>;
    }
    return 'invalid';
  } catch {
    return 'invalid';
  }
}

type NodeFormModalProps =
  | {
      mode: 'create';
      open: boolean;
      parent: GridNode;
      node?: undefined;
      onClose: () => void;
      onDone: (node: GridNode) => void;
    }
  | {
      mode: 'edit';
      open: boolean;
      node: GridNode;
      parent?: undefined;
      onClose: () => void;
      onDone: (node: GridNode) => void;
    };

/** 新建下级网格 / 编辑网格: code prefilled from the parent and checked with validateNodeCode. */
export function NodeFormModal(props: NodeFormModalProps) {
  const { mode, open, onClose, onDone } = props;
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NodeFormValues>();
  const create = useCreateNode();
  const update = useUpdateNode();

  const level: GridLevel | null = mode === 'create' ? childLevel(props.parent.level) : props.node.level;
  const parentCode = mode === 'create' ? props.parent.code : null;
  const codeLength = level ? expectedCodeLength(level) : 0;
  const nameValue = Form.useWatch('name', form) ?? '';
  const typeValue = Form.useWatch(['partyOrg', 'type'], form) ?? '';

  const initialValues = useMemo<NodeFormValues>(() => {
    if (mode === 'create') {
      const childLvl = childLevel(props.parent.level);
      return {
        code: childLvl ? codePrefixFor(childLvl, props.parent.code) : '',
        name: '',
        subjects: [...GRID_SUBJECTS],
        partyOrg: { type: childLvl ? defaultPartyOrgType(childLvl) : 'branch', name: '', secretaryName: '' },
        boundary: '',
      };
    }
    const node = props.node;
    return {
      code: node.code,
      name: node.name,
      subjects: node.subjects,
      partyOrg: {
        type: node.partyOrg?.type ?? defaultPartyOrgType(node.level),
        name: node.partyOrg?.name ?? '',
        secretaryName: node.partyOrg?.secretaryName ?? '',
      },
      boundary: node.boundary ? JSON.stringify(node.boundary, null, 2) : '',
    };
  }, [mode, props.parent, props.node]);

  if (!level) return null;

  const submit = (values: NodeFormValues) => {
    const boundary = parseBoundary(values.boundary ?? '');
    if (boundary === 'invalid') {
      form.setFields([{ name: 'boundary', errors: [t('grid.form.boundary.invalid')] }]);
      return;
    }
    const partyName =
      values.partyOrg.name.trim() || suggestedPartyOrgName(values.name.trim(), values.partyOrg.type, locale);
    const partyOrg = partyName
      ? { type: values.partyOrg.type, name: partyName, secretaryName: values.partyOrg.secretaryName.trim() }
      : null;
    const onError = (error: unknown) => {
      if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
    };
    if (mode === 'create') {
      create.mutate(
        {
          parentId: props.parent.id,
          code: values.code.trim(),
          name: values.name.trim(),
          level,
          subjects: values.subjects,
          partyOrg,
          boundary,
        },
        {
          onSuccess: (node) => {
            message.success(t('grid.form.created', { name: node.name }));
            onDone(node);
          },
          onError,
        },
      );
    } else {
      update.mutate(
        {
          id: props.node.id,
          input: { name: values.name.trim(), subjects: values.subjects, partyOrg, boundary },
        },
        {
          onSuccess: (node) => {
            message.success(t('grid.form.saved'));
            onDone(node);
          },
          onError,
        },
      );
    }
  };

  const levelText = pickLabel(GRID_LEVEL_LABELS[level], locale);

  return (
    <Modal
      open={open}
      title={mode === 'create' ? t('grid.action.createChild') : t('grid.action.edit')}
      okText={mode === 'create' ? t('common.create') : t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={640}
      destroyOnHidden
    >
      {mode === 'create' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('grid.form.createUnder', { parent: props.parent.name, level: levelText })}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        requiredMark="optional"
        data-testid="node-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('grid.field.code')}
              extra={
                mode === 'create'
                  ? t('grid.form.code.hint', { length: codeLength, level: levelText })
                  : undefined
              }
              validateTrigger={['onBlur', 'onSubmit']}
              rules={
                mode === 'create'
                  ? [
                      { required: true, message: t('grid.form.code.required') },
                      {
                        validator: (_rule, value: string) => {
                          const problem = value
                            ? checkNodeCode(level, value.trim(), parentCode, locale)
                            : null;
                          return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                        },
                      },
                    ]
                  : []
              }
            >
              <Input
                data-testid="node-form-code"
                className="og-mono"
                inputMode="numeric"
                maxLength={codeLength}
                disabled={mode === 'edit'}
                showCount
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('grid.field.name')}
              rules={[
                { required: true, whitespace: true, message: t('grid.form.name.required') },
                { max: 60, message: t('grid.form.name.max') },
              ]}
            >
              <Input data-testid="node-form-name" maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="subjects"
          label={t('grid.field.subjects')}
          rules={[{ type: 'array', min: 1, message: t('grid.form.subjects.required') }]}
        >
          <Checkbox.Group
            options={GRID_SUBJECTS.map((s) => ({
              value: s,
              label: pickLabel(GRID_SUBJECT_LABELS[s], locale),
            }))}
          />
        </Form.Item>
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          {t('grid.field.partyOrg')}
        </Typography.Text>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name={['partyOrg', 'type']} label={t('grid.field.partyOrg.type')}>
              <Select
                options={PARTY_ORG_TYPES.map((p) => ({
                  value: p,
                  label: pickLabel(PARTY_ORG_TYPE_LABELS[p], locale),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['partyOrg', 'name']} label={t('grid.field.partyOrg.name')}>
              <Input
                placeholder={suggestedPartyOrgName(nameValue.trim(), typeValue, locale) || undefined}
                maxLength={60}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['partyOrg', 'secretaryName']} label={t('grid.field.partyOrg.secretary')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="boundary" label={t('grid.field.boundary')} extra={t('grid.form.boundary.hint')}>
          <Input.TextArea rows={3} className="og-mono" placeholder='{"type":"Polygon","coordinates":[...]}' />
        </Form.Item>
      </Form>
    </Modal>
  );
}
