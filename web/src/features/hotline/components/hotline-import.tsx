import {
  CheckCircleFilled,
  CloudUploadOutlined,
  DownloadOutlined,
  InfoCircleFilled,
  SyncOutlined,
  WarningFilled,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Grid,
  List,
  Progress,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/errors';
import { useScope } from '../../../lib/scope';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import {
  downloadHotlineReport,
  downloadHotlineTemplate,
  listenProgress,
  openHotlineJob,
  uploadHotlineDryRun,
  useCommitHotline,
} from '../api/hotline';
import type { HotlineCommit, HotlineDryRun, HotlineNotice, RowProblem } from '../api/types';
import { useHotlineI18n } from '../messages';
import './hotline.css';

type Phase =
  | { at: 'idle' }
  | { at: 'uploading'; fraction: number }
  | { at: 'validating'; processed: number; percent: number | null }
  | { at: 'report'; result: HotlineDryRun }
  | { at: 'committing'; result: HotlineDryRun; done: number }
  | { at: 'done'; result: HotlineDryRun; commit: HotlineCommit };

/** 12345 工单导入: template → upload (dry run, live progress) → report → create the new orders' cases at once. */
export function HotlineImport() {
  const { t, locale } = useHotlineI18n();
  const { message } = App.useApp();
  const { scope } = useScope();
  const [nodeId, setNodeId] = useState<number | null>(scope?.id ?? null);
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);
  const commit = useCommitHotline();
  const screens = Grid.useBreakpoint();

  useEffect(() => () => stop.current?.(), []);

  const start = async (file: File) => {
    setError(null);
    setPhase({ at: 'uploading', fraction: 0 });
    try {
      const { token } = await openHotlineJob();
      stop.current?.();
      stop.current = listenProgress(token, 'validate', (p) => {
        if (p.state === 'validating')
          setPhase((cur) =>
            cur.at === 'uploading' || cur.at === 'validating'
              ? { at: 'validating', processed: p.processed, percent: p.percent ?? null }
              : cur,
          );
      });
      const result = await uploadHotlineDryRun(file, {
        nodeId,
        token,
        locale,
        onUploadProgress: (fraction) =>
          setPhase((cur) => (cur.at === 'uploading' ? { at: 'uploading', fraction } : cur)),
      });
      setPhase({ at: 'report', result });
    } catch (e) {
      setPhase({ at: 'idle' });
      setError(errorMessage(e, locale, t));
    } finally {
      stop.current?.();
    }
  };

  const doCommit = (result: HotlineDryRun) => {
    setPhase({ at: 'committing', result, done: 0 });
    stop.current = listenProgress(result.token, 'commit', (p) =>
      setPhase((cur) => (cur.at === 'committing' ? { ...cur, done: p.processed } : cur)),
    );
    commit.mutate(result.token, {
      onSuccess: (c) => setPhase({ at: 'done', result, commit: c }),
      onError: (e) => {
        setPhase({ at: 'report', result });
        setError(`${t('hl.failed')}：${errorMessage(e, locale, t)}`);
      },
      onSettled: () => stop.current?.(),
    });
  };

  const reset = () => {
    setPhase({ at: 'idle' });
    setError(null);
  };

  const step = { idle: 0, uploading: 1, validating: 1, report: 2, committing: 2, done: 3 }[phase.at];
  const busy = phase.at === 'uploading' || phase.at === 'validating' || phase.at === 'committing';

  return (
    <div className="og-hotline" data-testid="hotline-import">
      <Card className="og-card" style={{ marginBottom: 16 }}>
        {screens.sm === false ? null : (
          <Steps
            size="small"
            current={step}
            status={phase.at === 'done' ? 'finish' : 'process'}
            responsive={false}
            items={[
              { title: t('hl.step.prepare') },
              { title: t('hl.step.upload') },
              { title: t('hl.step.report') },
              { title: t('hl.step.done') },
            ]}
            style={{ marginBottom: 20 }}
          />
        )}
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('hl.target')}</Typography.Text>
            <GridNodePicker
              value={nodeId}
              valueLabel={scope && scope.id === nodeId ? scope.name : undefined}
              onChange={(id) => setNodeId(id)}
              placeholder={t('hl.target.none')}
              allowClear
              style={{ width: '100%', marginTop: 8 }}
              data-testid="hotline-target"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
              {t('hl.target.hint')}
            </Typography.Text>
          </Col>
          <Col xs={24} lg={12}>
            <Button
              block
              icon={<DownloadOutlined />}
              data-testid="hotline-template"
              onClick={() =>
                downloadHotlineTemplate().catch((e) => message.error(errorMessage(e, locale, t)))
              }
            >
              {t('hl.template')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {t('hl.columns')}
            </Typography.Paragraph>
          </Col>
        </Row>
      </Card>

      {error ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setError(null) }}
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="hotline-error"
        />
      ) : null}

      {phase.at === 'idle' ? (
        <Card className="og-card">
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void start(file);
              return false;
            }}
            data-testid="hotline-upload"
          >
            <p className="ant-upload-drag-icon">
              <CloudUploadOutlined />
            </p>
            <p className="ant-upload-text">{t('hl.upload')}</p>
            <p className="ant-upload-hint">{t('hl.upload.drag')}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('hl.upload.note')}
          </Typography.Paragraph>
        </Card>
      ) : null}

      {busy ? (
        <Card className="og-card" data-testid="hotline-progress" style={{ marginBottom: 16 }}>
          <Typography.Text>
            {phase.at === 'uploading'
              ? t('hl.progress.upload')
              : phase.at === 'validating'
                ? t('hl.progress.validate', { count: phase.processed.toLocaleString() })
                : phase.at === 'committing'
                  ? t('hl.progress.commit', {
                      done: phase.done.toLocaleString(),
                      total: phase.result.valid.toLocaleString(),
                    })
                  : null}
          </Typography.Text>
          <Progress
            status="active"
            strokeColor="#c8161d"
            percent={
              phase.at === 'uploading'
                ? Math.round(phase.fraction * 100)
                : phase.at === 'validating'
                  ? (phase.percent ?? 99)
                  : phase.at === 'committing'
                    ? Math.min(99, Math.floor((phase.done / Math.max(1, phase.result.valid)) * 100))
                    : 0
            }
          />
        </Card>
      ) : null}

      {phase.at === 'report' || phase.at === 'committing' ? (
        <Report result={phase.result} busy={busy} onCommit={doCommit} onAgain={reset} />
      ) : null}

      {phase.at === 'done' ? (
        <Card className="og-card" data-testid="hotline-result">
          <Result
            status="success"
            title={t('hl.done.title', { count: phase.commit.created })}
            subTitle={
              phase.commit.skipped + phase.commit.changed
                ? `${t('hl.done.body')}${t('hl.done.skipped', { count: phase.commit.skipped + phase.commit.changed })}`
                : t('hl.done.body')
            }
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                <Link to="/cases/all?source=hotline_12345">
                  <Button type="primary">{t('hl.done.view')}</Button>
                </Link>
                <Button onClick={reset} data-testid="hotline-again">
                  {t('hl.again')}
                </Button>
              </Space>
            }
          />
        </Card>
      ) : null}
    </div>
  );
}

function Report({
  result,
  busy,
  onCommit,
  onAgain,
}: {
  result: HotlineDryRun;
  busy: boolean;
  onCommit: (r: HotlineDryRun) => void;
  onAgain: () => void;
}) {
  const { t, locale } = useHotlineI18n();
  const { message } = App.useApp();
  const narrow = Grid.useBreakpoint().sm === false;
  const stats = [
    { key: 'total', value: result.total, color: undefined, icon: null },
    { key: 'new', value: result.valid, color: '#389e0d', icon: <CheckCircleFilled /> },
    { key: 'skipped', value: result.skipped, color: result.skipped ? '#1677ff' : undefined, icon: null },
    {
      key: 'changed',
      value: result.changed,
      color: result.changed ? '#d46b08' : undefined,
      icon: result.changed ? <SyncOutlined /> : null,
    },
    {
      key: 'bad',
      value: result.badRows,
      color: result.badRows ? '#c8161d' : undefined,
      icon: result.badRows ? <WarningFilled /> : null,
    },
  ] as const;
  const problems = (
    <>
      {result.errorCount === 0 ? (
        <Alert type="success" showIcon title={t('hl.report.none')} />
      ) : narrow ? (
        <List<RowProblem>
          size="small"
          data-testid="hotline-problems"
          dataSource={result.errors}
          pagination={result.errors.length > 20 ? { pageSize: 20, size: 'small', simple: true } : false}
          renderItem={(e) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }}>
              <Typography.Text strong style={{ fontSize: 13 }}>
                {t('hl.problem.where', { row: e.row, column: e.column })}
              </Typography.Text>
              <div>{locale === 'en' ? e.message.en : e.message.zh}</div>
            </List.Item>
          )}
        />
      ) : (
        <Table<RowProblem & { key: number }>
          size="small"
          rowKey="key"
          data-testid="hotline-problems"
          dataSource={result.errors.map((e, i) => ({ ...e, key: i }))}
          pagination={{ pageSize: 20, showSizeChanger: false, size: 'small', hideOnSinglePage: true }}
          scroll={{ x: 440 }}
          columns={[
            { title: t('hl.col.row'), dataIndex: 'row', width: 64 },
            { title: t('hl.col.column'), dataIndex: 'column', width: 120 },
            {
              title: t('hl.col.reason'),
              key: 'reason',
              render: (_, e) => (locale === 'en' ? e.message.en : e.message.zh),
            },
          ]}
        />
      )}
      {result.errorCount > result.errors.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('hl.report.first', { count: result.errors.length })}
        </Typography.Text>
      ) : null}
    </>
  );
  const notices = (
    <Table<HotlineNotice>
      size="small"
      rowKey={(n) => `${n.row}-${n.externalId}`}
      data-testid="hotline-notices"
      dataSource={result.notices}
      pagination={{ pageSize: 20, showSizeChanger: false, size: 'small', hideOnSinglePage: true }}
      scroll={{ x: 520 }}
      columns={[
        { title: t('hl.col.row'), dataIndex: 'row', width: 64 },
        { title: t('hl.col.order'), dataIndex: 'externalId', width: 150 },
        {
          title: t('hl.col.case'),
          key: 'case',
          width: 150,
          render: (_, n) => <Link to={`/cases/${n.caseId}`}>{n.caseNumber}</Link>,
        },
        {
          title: t('hl.col.outcome'),
          key: 'outcome',
          render: (_, n) =>
            n.kind === 'changed' ? (
              <Space size={4} wrap>
                <Tag color="orange">{t('hl.notice.changed')}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.columns.join('、')}
                </Typography.Text>
              </Space>
            ) : (
              <Tag color="blue">{t('hl.notice.already_imported')}</Tag>
            ),
        },
      ]}
    />
  );
  return (
    <Card className="og-card" data-testid="hotline-report">
      <div className="og-hotline-stats">
        {stats.map((s) => (
          <Statistic
            key={s.key}
            title={t(`hl.summary.${s.key}`)}
            value={s.value}
            prefix={s.icon}
            styles={{ content: { color: s.color } }}
            data-testid={`hotline-stat-${s.key}`}
          />
        ))}
      </div>
      {result.changed ? (
        <Alert
          type="warning"
          showIcon
          title={t('hl.changed.alert', { count: result.changed })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {result.skipped ? (
        <Alert
          type="info"
          showIcon
          icon={<InfoCircleFilled />}
          title={t('hl.skipped.alert', { count: result.skipped })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Tabs
        size="small"
        tabBarExtraContent={
          result.errorCount || result.notices.length ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              data-testid="hotline-report-download"
              onClick={() =>
                downloadHotlineReport(result.reportUrl).catch((e) =>
                  message.error(errorMessage(e, locale, t)),
                )
              }
            >
              <span className="og-hotline-hide-xs">{t('hl.report.download')}</span>
            </Button>
          ) : null
        }
        items={[
          {
            key: 'problems',
            label: `${t('hl.report.problems')} (${result.errorCount})`,
            children: problems,
          },
          ...(result.notices.length
            ? [
                {
                  key: 'notices',
                  label: `${t('hl.report.notices')} (${result.skipped + result.changed})`,
                  children: notices,
                },
              ]
            : []),
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        <Button
          type="primary"
          size="large"
          disabled={result.valid === 0 || busy}
          loading={busy}
          onClick={() => onCommit(result)}
          style={{ maxWidth: '100%', whiteSpace: 'normal', height: 'auto', minHeight: 40 }}
          data-testid="hotline-commit"
        >
          {result.valid === 0 ? t('hl.commit.none') : t('hl.commit', { count: result.valid })}
        </Button>
        <Button size="large" onClick={onAgain} disabled={busy}>
          {t('hl.again')}
        </Button>
      </Space>
    </Card>
  );
}
