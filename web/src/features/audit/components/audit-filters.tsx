import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { pickLabel, useI18n } from '../../../lib/i18n';
import type { AuditFilters, AuditOutcome } from '../api/types';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPES } from './audit-labels';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  entityType?: string;
  outcome?: AuditOutcome;
}

/** Whole local days, sent as UTC instants because the log stores UTC. */
export function toAuditFilters(values: FilterValues): AuditFilters {
  const [from, to] = values.range ?? [null, null];
  return {
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
    entityType: values.entityType?.trim() || undefined,
    outcome: values.outcome,
  };
}

export function AuditFiltersForm({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const actionOptions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({
    value,
    label: `${pickLabel(label, locale)} · ${value}`,
  }));
  const entityOptions = Object.entries(AUDIT_ENTITY_TYPES).map(([value, label]) => ({
    value,
    label: `${pickLabel(label, locale)} · ${value}`,
  }));

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => onChange(toAuditFilters(values))}
      data-testid="audit-filters"
    >
      <Row gutter={[12, 0]}>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="range" label={t('audit.filter.range')}>
            <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="actor" label={t('audit.filter.actor')}>
            <Input allowClear placeholder={t('audit.filter.actor.placeholder')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="action" label={t('audit.filter.action')}>
            <AutoComplete
              allowClear
              options={actionOptions}
              placeholder="grid.node"
              popupMatchSelectWidth={280}
              showSearch={{
                filterOption: (input, option) =>
                  String(option?.label ?? '')
                    .toLowerCase()
                    .includes(input.trim().toLowerCase()),
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item name="entityType" label={t('audit.filter.entityType')}>
            <AutoComplete allowClear options={entityOptions} popupMatchSelectWidth={220} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item name="outcome" label={t('audit.filter.outcome')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'success', label: t('audit.outcome.success') },
                { value: 'failure', label: t('audit.outcome.failure') },
                { value: 'denied', label: t('audit.outcome.denied') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={3}>
          <Form.Item label=" " colon={false}>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  form.resetFields();
                  onChange({});
                }}
                aria-label={t('common.reset')}
              />
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
