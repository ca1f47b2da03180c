import { Tabs } from 'antd';
import { PageHeader } from '../../../components/page-header';
import { HotlineImport, ReplyExport } from '../../../features/hotline';
import { useHotlineI18n } from '../../../features/hotline/messages';

/** 12345 工单交换 (issue 4 item 9): import work orders as cases, export the results back to the hotline. */
export function HotlinePage() {
  const { t } = useHotlineI18n();
  return (
    <div data-testid="hotline-page">
      <PageHeader title={t('hl.title')} subtitle={t('hl.subtitle')} />
      <Tabs
        items={[
          { key: 'import', label: t('hl.tab.import'), children: <HotlineImport /> },
          { key: 'export', label: t('hl.tab.export'), children: <ReplyExport /> },
        ]}
      />
    </div>
  );
}
