import {
  CheckCircleFilled,
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  HomeOutlined,
  TeamOutlined,
  WarningFilled,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Progress,
  Radio,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../lib/errors';
import { useScope } from '../../../lib/scope';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import {
  downloadErrors,
  downloadTemplate,
  listenProgress,
  openJob,
  uploadDryRun,
  useCommitImport,
} from '../api/imports';
import type { CommitResult, DryRunResult, ImportKind, RowProblem } from '../api/types';
import { useImportsI18n } from '../messages';
import './imports.css';

const KINDS: Array<{ kind: ImportKind; icon: React.ReactNode }> = [
  { kind: 'residents', icon: <TeamOutlined /> },
  { kind: 'households', icon: <HomeOutlined /> },
  { kind: 'buildings', icon: <FileExcelOutlined /> },
];

type Phase =
  | { at: 'idle' }
  | { at: 'uploading'; fraction: number }
  | { at: 'validating'; processed: number; percent: number | null }
  | { at: 'report'; result: DryRunResult }
  | { at: 'committing'; result: DryRunResult; done: number }
  | { at: 'done'; result: DryRunResult; commit: CommitResult };

/** 数据导入: template → upload (dry run with live progress) → report → commit all valid rows at once. */
export function ImportWizard() {
  const { t, locale } = useImportsI18n();
  const { message } = App.useApp();
  const { scope } = useScope();
  const [kind, setKind] = useState<ImportKind>('residents');
  const [nodeId, setNodeId] = useState<number | null>(scope?.id ?? null);
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);
  const commit = useCommitImport();

  useEffect(() => () => stop.current?.(), []);

  const kindLabel = (k: ImportKind) => t(`imp.kind.${k}`);

  const start = async (file: File) => {
    setError(null);
    setPhase({ at: 'uploading', fraction: 0 });
    try {
      const { token } = await openJob();
      stop.current?.();
      stop.current = listenProgress(token, 'validate', (p) => {
        if (p.state === 'validating')
          setPhase((cur) =>
            cur.at === 'uploading' || cur.at === 'validating'
              ? { at: 'validating', processed: p.processed, percent: p.percent ?? null }
              : cur,
          );
      });
      const result = await uploadDryRun(kind, file, {
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

  const doCommit = (result: DryRunResult) => {
    setPhase({ at: 'committing', result, done: 0 });
    stop.current = listenProgress(result.token, 'commit', (p) =>
      setPhase((cur) => (cur.at === 'committing' ? { ...cur, done: p.processed } : cur)),
    );
    commit.mutate(result.token, {
      onSuccess: (c) => setPhase({ at: 'done', result, commit: c }),
      onError: (e) => {
        setPhase({ at: 'report', result });
        setError(`${t('imp.failed')}：${errorMessage(e, locale, t)}`);
      },
      onSettled: () => stop.current?.(),
    });
  };

  const reset = () => {
    setPhase({ at: 'idle' });
    setError(null);
  };

  const step = { idle: 0, uploading: 1, validating: 1, report: 2, committing: 2, done: 4 }[phase.at];
  const busy = phase.at === 'uploading' || phase.at === 'validating' || phase.at === 'committing';

  return (
    <div className="og-import">
      <Card className="og-card" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={step}
          responsive={false}
          items={[
            { title: t('imp.step.kind') },
            { title: t('imp.step.upload') },
            { title: t('imp.step.report') },
            { title: t('imp.step.done') },
          ]}
          style={{ marginBottom: 20 }}
        />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Typography.Text strong>{t('imp.kind')}</Typography.Text>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                reset();
              }}
              disabled={busy}
              data-testid="import-kind"
              style={{ display: 'grid', gap: 8, marginTop: 8 }}
            >
              {KINDS.map(({ kind: k, icon }) => (
                <Radio key={k} value={k} data-testid={`import-kind-${k}`} className="og-import-kind">
                  <Space align="start">
                    <span className="og-import-kind-icon">{icon}</span>
                    <span>
                      <span style={{ fontWeight: 600 }}>{kindLabel(k)}</span>
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`imp.kind.${k}.hint`)}
                      </Typography.Text>
                    </span>
                  </Space>
                </Radio>
              ))}
            </Radio.Group>
          </Col>
          <Col xs={24} lg={10}>
            <Space direction="vertical" style={{ width: '100%' }} size={12}>
              <div>
                <Typography.Text strong>{t('imp.scope')}</Typography.Text>
                <GridNodePicker
                  value={nodeId}
                  valueLabel={scope && scope.id === nodeId ? scope.name : undefined}
                  onChange={(id) => setNodeId(id)}
                  placeholder={t('imp.scope.all')}
                  allowClear
                  style={{ width: '100%', marginTop: 8 }}
                  data-testid="import-scope"
                />
              </div>
              <Button
                block
                icon={<DownloadOutlined />}
                data-testid="import-template"
                onClick={() =>
                  downloadTemplate(kind, `${kindLabel(kind)}导入模板.xlsx`).catch((e) =>
                    message.error(errorMessage(e, locale, t)),
                  )
                }
              >
                {t('imp.template')}
              </Button>
            </Space>
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
          data-testid="import-error"
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
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <CloudUploadOutlined />
            </p>
            <p className="ant-upload-text">{t('imp.upload')}</p>
            <p className="ant-upload-hint">{t('imp.upload.drag')}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('imp.upload.note')}
          </Typography.Paragraph>
        </Card>
      ) : null}

      {phase.at === 'uploading' || phase.at === 'validating' || phase.at === 'committing' ? (
        <Card className="og-card" data-testid="import-progress">
          <Typography.Text>
            {phase.at === 'uploading'
              ? t('imp.progress.upload')
              : phase.at === 'validating'
                ? t('imp.progress.validate', { count: phase.processed.toLocaleString() })
                : t('imp.progress.commit', {
                    done: phase.done.toLocaleString(),
                    total: phase.result.valid.toLocaleString(),
                  })}
          </Typography.Text>
          <Progress
            status="active"
            strokeColor="#c8161d"
            percent={
              phase.at === 'uploading'
                ? Math.round(phase.fraction * 100)
                : phase.at === 'validating'
                  ? (phase.percent ?? 99)
                  : Math.min(99, Math.floor((phase.done / Math.max(1, phase.result.valid)) * 100))
            }
          />
        </Card>
      ) : null}

      {phase.at === 'report' || phase.at === 'committing' ? (
        <Report result={phase.result} busy={busy} onCommit={doCommit} onAgain={reset} />
      ) : null}

      {phase.at === 'done' ? (
        <Card className="og-card" data-testid="import-result">
          <Result
            status="success"
            title={t('imp.done.title')}
            subTitle={t('imp.done.body', {
              inserted: phase.commit.inserted,
              updated: phase.commit.updated ? t('imp.done.updated', { count: phase.commit.updated }) : '',
            })}
            extra={
              <Button type="primary" onClick={reset} data-testid="import-again">
                {t('imp.again')}
              </Button>
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
  result: DryRunResult;
  busy: boolean;
  onCommit: (r: DryRunResult) => void;
  onAgain: () => void;
}) {
  const { t, locale } = useImportsI18n();
  const { message } = App.useApp();
  const bad = result.total - result.valid;
  return (
    <Card className="og-card" data-testid="import-report">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} sm={6}>
          <Statistic title={t('imp.summary.total')} value={result.total} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('imp.summary.valid')}
            value={result.valid}
            valueStyle={{ color: '#389e0d' }}
            prefix={<CheckCircleFilled />}
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('imp.summary.bad')}
            value={bad}
            valueStyle={{ color: bad ? '#c8161d' : undefined }}
            prefix={bad ? <WarningFilled /> : null}
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('imp.summary.problems')} value={result.errorCount} />
        </Col>
      </Row>
      {result.errorCount === 0 ? (
        <Alert type="success" showIcon title={t('imp.report.none')} style={{ marginBottom: 16 }} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('imp.report.title')}
              {result.errorCount > result.errors.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginLeft: 8 }}>
                  {t('imp.report.first', { count: result.errors.length })}
                </Typography.Text>
              ) : null}
            </Typography.Title>
            <Button
              icon={<DownloadOutlined />}
              data-testid="import-errors-download"
              onClick={() =>
                downloadErrors(result.errorsFileUrl).catch((e) => message.error(errorMessage(e, locale, t)))
              }
            >
              {t('imp.report.download')}
            </Button>
          </Space>
          <Table<RowProblem & { key: number }>
            size="small"
            rowKey="key"
            dataSource={result.errors.map((e, i) => ({ ...e, key: i }))}
            pagination={{ pageSize: 20, showSizeChanger: false, size: 'small' }}
            scroll={{ x: 480 }}
            columns={[
              { title: t('imp.col.row'), dataIndex: 'row', width: 72 },
              { title: t('imp.col.column'), dataIndex: 'column', width: 130 },
              {
                title: t('imp.col.reason'),
                key: 'reason',
                render: (_, e) => (locale === 'en' ? e.message.en : e.message.zh),
              },
            ]}
          />
        </>
      )}
      <Space wrap style={{ marginTop: 16 }}>
        <Button
          type="primary"
          size="large"
          disabled={result.valid === 0 || busy}
          loading={busy}
          onClick={() => onCommit(result)}
          style={{ maxWidth: '100%', whiteSpace: 'normal', height: 'auto', minHeight: 40 }}
          data-testid="import-commit"
        >
          {result.valid === 0 ? t('imp.commit.none') : t('imp.commit', { count: result.valid })}
        </Button>
        <Button size="large" onClick={onAgain} disabled={busy}>
          {t('imp.again')}
        </Button>
      </Space>
    </Card>
  );
}
