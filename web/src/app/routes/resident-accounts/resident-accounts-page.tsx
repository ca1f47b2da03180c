import { Alert, Card, Segmented } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { type AccountStatus, useResidentAccounts } from '../../../features/resident/api/resident-accounts';
import type { ResidentAccount } from '../../../features/resident/api/types';
import { MatchDrawer } from '../../../features/resident/components/match-drawer';
import { RegistrationsTable } from '../../../features/resident/components/registrations-table';
import { useResidentText } from '../../../features/resident/messages';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';

/** 居民账号核实: community staff match residents' registrations to the register (person.write in scope). */
export function ResidentAccountsPage() {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<AccountStatus>('pending');
  const [page, setPage] = useState(1);
  const [matching, setMatching] = useState<ResidentAccount | null>(null);
  const list = useResidentAccounts(status, page);
  return (
    <div data-testid="resident-accounts-page">
      <PageHeader title={rt('ra.title')} subtitle={rt('ra.subtitle')} />
      <Card className="og-card">
        <Segmented<AccountStatus>
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
          options={[
            { value: 'pending', label: rt('ra.status.pending') },
            { value: 'confirmed', label: rt('ra.status.confirmed') },
            { value: 'rejected', label: rt('ra.status.rejected') },
          ]}
          style={{ marginBottom: 16 }}
        />
        {list.isError ? (
          <Alert type="error" showIcon title={errorMessage(list.error, locale, t)} />
        ) : (
          <RegistrationsTable
            status={status}
            items={list.data?.items ?? []}
            total={list.data?.total ?? 0}
            page={page}
            loading={list.isFetching}
            onPage={setPage}
            onMatch={setMatching}
          />
        )}
      </Card>
      <MatchDrawer account={matching} onClose={() => setMatching(null)} />
    </div>
  );
}
