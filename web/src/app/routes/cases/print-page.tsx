import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCasePrint } from '../../../features/cases/api/case-print';
import { CaseSheet } from '../../../features/cases/components/case-sheet';
import { useCaseI18n } from '../../../features/cases/messages';
import { errorMessage } from '../../../lib/errors';

/** 打印: the A4 case sheet with a print button; the app's frame disappears on paper. */
export function CasePrintPage() {
  const { t, locale } = useCaseI18n();
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const sheet = useCasePrint(id);
  useEffect(() => {
    if (sheet.data) document.title = `${sheet.data.number} ${t('cases.print.title')}`;
  }, [sheet.data, t]);
  return (
    <div className="cs-print-page" data-testid="case-print-page">
      <div className="cs-print-bar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(id ? `/cases/${id}` : '/cases')}>
          {t('cases.detail.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!sheet.data}
          data-testid="case-print"
        >
          {t('cases.print.do')}
        </Button>
      </div>
      {sheet.isError ? (
        <Alert type="error" showIcon title={errorMessage(sheet.error, locale, t)} />
      ) : sheet.isPending ? (
        <Skeleton active paragraph={{ rows: 16 }} />
      ) : (
        <CaseSheet sheet={sheet.data} appName={t('app.name')} />
      )}
    </div>
  );
}
