import { CloseCircleFilled, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { useExportAudit } from '../../../features/audit/api/export-audit';
import { useAuditLog } from '../../../features/audit/api/list-audit';
import type { AuditFilters } from '../../../features/audit/api/types';
import { useVerifyAudit } from '../../../features/audit/api/verify-audit';
import { AuditFiltersForm } from '../../../features/audit/components/audit-filters';
import { VERIFY_REASON_LABELS } from '../../../features/audit/components/audit-labels';
import { AuditTable } from '../../../features/audit/components/audit-table';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { errorMessage } from '../../../lib/errors';
import { pickLabel, useI18n } from '../../../lib/i18n';

/** 审计日志: read, export and verify the tamper-evident log (auditor only). */
export function AuditPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can } = usePermissions();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const log = useAuditLog(filters, page, pageSize);
  const verify = useVerifyAudit();
  const exporter = useExportAudit();

  const verifyResult = verify.data;

  return (
    <div data-testid="audit-page">
      <PageHeader
        title={t('nav.audit')}
        subtitle={t('audit.subtitle')}
        extra={
          <Space wrap>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
            {can('audit.export') ? (
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={exporter.isPending}
                data-testid="audit-export"
                onClick={() =>
                  exporter.mutate(filters, {
                    onSuccess: () => message.success(t('audit.exported')),
                    onError: (error) => message.error(errorMessage(error, locale, t)),
                  })
                }
              >
                {t('audit.export')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {verify.isError ? (
        <Alert
          type="error"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          title={errorMessage(verify.error, locale, t)}
        />
      ) : null}
      {verifyResult ? (
        verifyResult.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => verify.reset() }}
            style={{ marginBottom: 16 }}
            data-testid="audit-verify-result"
            title={t('audit.verify.ok', { count: verifyResult.checked })}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            icon={<CloseCircleFilled />}
            closable={{ onClose: () => verify.reset() }}
            style={{ marginBottom: 16 }}
            data-testid="audit-verify-result"
            title={t('audit.verify.bad.title')}
            description={t('audit.verify.bad.body', {
              seq: verifyResult.firstBad?.seq ?? '?',
              reason: verifyResult.firstBad
                ? pickLabel(
                    VERIFY_REASON_LABELS[verifyResult.firstBad.reason],
                    locale,
                    verifyResult.firstBad.reason,
                  )
                : '',
              count: verifyResult.checked,
            })}
          />
        )
      ) : null}
      <Card className="og-card" styles={{ body: { paddingBottom: 8 } }}>
        <AuditFiltersForm
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
        {log.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(log.error, locale, t)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <AuditTable
          data={log.data?.items ?? []}
          total={log.data?.total ?? 0}
          loading={log.isFetching}
          page={page}
          pageSize={pageSize}
          onPageChange={(nextPage, nextSize) => {
            setPage(nextSize !== pageSize ? 1 : nextPage);
            setPageSize(nextSize);
          }}
        />
      </Card>
    </div>
  );
}
