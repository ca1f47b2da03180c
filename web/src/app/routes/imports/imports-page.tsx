import { PageHeader } from '../../../components/page-header';
import { ImportWizard } from '../../../features/imports';
import { useImportsI18n } from '../../../features/imports/messages';

/** 数据导入 (issue 3 item 6): buildings, households and residents from Excel or CSV. */
export function ImportsPage() {
  const { t } = useImportsI18n();
  return (
    <div data-testid="imports-page">
      <PageHeader title={t('imp.title')} subtitle={t('imp.subtitle')} />
      <ImportWizard />
    </div>
  );
}
