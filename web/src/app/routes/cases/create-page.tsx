import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import type { CaseSource } from '../../../../../common/cases';
import { CASE_SOURCES } from '../../../../../common/cases';
import { PageHeader } from '../../../components/page-header';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { CaseForm } from '../../../features/cases/components/case-form';
import { useCaseI18n } from '../../../features/cases/messages';
import { useScope } from '../../../lib/scope';

function toInt(raw: string | null): number | undefined {
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** The source a worker's own report most likely has, from their roles. */
function sourceForRoles(roles: string[]): CaseSource {
  if (roles.includes('petition_agent')) return 'petition_agent';
  if (roles.includes('grid_worker')) return 'grid_worker';
  return 'resident';
}

/** 登记事件. Opened from a visit (`?visitId=&householdId=`) it starts with that household. */
export function CaseCreatePage() {
  const { t } = useCaseI18n();
  const navigate = useNavigate();
  const { me } = usePermissions();
  const { scope } = useScope();
  const [search] = useSearchParams();
  const explicitSource = search.get('source');
  const source =
    explicitSource && (CASE_SOURCES as readonly string[]).includes(explicitSource)
      ? (explicitSource as CaseSource)
      : search.get('visitId')
        ? 'visit'
        : sourceForRoles(me?.assignments.map((a) => a.role) ?? []);
  return (
    <div data-testid="case-create-page">
      <PageHeader
        title={t('nav.cases.new')}
        subtitle={t('cases.new.subtitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            {t('cases.detail.back')}
          </Button>
        }
      />
      <CaseForm
        defaultNodeId={scope?.id}
        defaultNodeName={scope?.name}
        defaultSource={source}
        defaultHouseholdId={toInt(search.get('householdId'))}
        visitId={toInt(search.get('visitId'))}
        onCreated={(created, master) =>
          navigate(`/cases/${master ? master.id : created.id}`, { replace: true })
        }
      />
    </div>
  );
}
