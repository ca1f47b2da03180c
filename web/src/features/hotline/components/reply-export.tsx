import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CASE_STATE_LABELS, CASE_STATES, type CaseState } from '../../../../../common/cases';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { exportReplies } from '../api/hotline';
import { useHotlineI18n } from '../messages';
import './hotline.css';

const PRESETS: Record<'closed' | 'done', CaseState[]> = {
  closed: ['closed'],
  done: ['handled', 'awaiting_rating', 'closed', 'rejected'],
};

/** 导出办理结果: the reply sheet for the 12345 centre, by call date and state. */
export function ReplyExport() {
  const { t, locale } = useHotlineI18n();
  const { message } = App.useApp();
  const [from, setFrom] = useState<Dayjs>(dayjs().startOf('month'));
  const [to, setTo] = useState<Dayjs>(dayjs());
  const [states, setStates] = useState<CaseState[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const name = await exportReplies({
        from: from.format('YYYY-MM-DD'),
        to: to.format('YYYY-MM-DD'),
        states,
      });
      message.success(t('hl.export.done', { name }));
    } catch (e) {
      setError(isApiError(e) && e.details[0]?.message ? e.details[0].message : errorMessage(e, locale, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="og-card og-hotline-export" data-testid="hotline-export">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('hl.export.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('hl.export.hint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={run}>
        <Row gutter={16}>
          <Col xs={12} md={5}>
            <Form.Item label={t('hl.export.from')} required>
              <DatePicker
                value={from}
                allowClear={false}
                inputReadOnly
                disabledDate={(d) => d.isAfter(to, 'day')}
                onChange={(d) => d && setFrom(d)}
                data-testid="hotline-export-from"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item label={t('hl.export.to')} required>
              <DatePicker
                value={to}
                allowClear={false}
                inputReadOnly
                disabledDate={(d) => d.isBefore(from, 'day')}
                onChange={(d) => d && setTo(d)}
                data-testid="hotline-export-to"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              label={t('hl.export.states')}
              extra={
                <Space size={12} wrap style={{ marginTop: 4 }}>
                  {(['closed', 'done'] as const).map((p) => (
                    <Typography.Link key={p} onClick={() => setStates(PRESETS[p])}>
                      {t(`hl.export.preset.${p}`)}
                    </Typography.Link>
                  ))}
                </Space>
              }
            >
              <Select<CaseState[]>
                mode="multiple"
                allowClear
                value={states}
                onChange={setStates}
                placeholder={t('hl.export.states.all')}
                maxTagCount="responsive"
                options={CASE_STATES.map((s) => ({
                  value: s,
                  label: locale === 'en' ? CASE_STATE_LABELS[s].en : CASE_STATE_LABELS[s].zh,
                }))}
                data-testid="hotline-export-states"
              />
            </Form.Item>
          </Col>
        </Row>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 12 }}
            data-testid="hotline-export-error"
          />
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          icon={<FileExcelOutlined />}
          loading={busy}
          data-testid="hotline-export-button"
        >
          {t('hl.export.button')}
        </Button>
      </Form>
    </Card>
  );
}
