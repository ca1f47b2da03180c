import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Input, Row } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { GridNodePicker } from '../../../features/grid/components/grid-node-picker';
import { useBuildings } from '../../../features/registry/api/list-buildings';
import { BuildingFormModal } from '../../../features/registry/components/building-form-modal';
import { BuildingsTable } from '../../../features/registry/components/buildings-table';
import { useListParams } from '../../../features/registry/hooks/use-list-params';
import { useRegistryI18n } from '../../../features/registry/messages';
import { errorMessage } from '../../../lib/errors';

/** 楼栋: buildings of the chosen grid with their layout; 新建楼栋 generates the rooms by default. */
export function BuildingsPage() {
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const { params, update } = useListParams();
  const [text, setText] = useState(params.q);
  const [creating, setCreating] = useState(false);
  const [pickedLevel, setPickedLevel] = useState<string | undefined>();
  const buildings = useBuildings({ nodeId: params.nodeId, q: params.q || undefined });

  useEffect(() => {
    const timer = setTimeout(() => {
      if (text.trim() !== params.q) update({ q: text });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, params.q, update]);

  return (
    <div data-testid="buildings-page">
      <PageHeader
        title={t('nav.buildings')}
        subtitle={t('reg.buildings.subtitle')}
        extra={
          can('person.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="building-create"
            >
              {t('reg.building.create')}
            </Button>
          ) : null
        }
      />
      <Card className="og-card" styles={{ body: { paddingBottom: 8 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={10}>
            <GridNodePicker
              style={{ width: '100%' }}
              placeholder={t('reg.filter.node')}
              value={params.nodeId ?? null}
              valueLabel={params.nodeName}
              onChange={(id, node) => {
                setPickedLevel(node?.level);
                update({ nodeId: id, nodeName: node?.name });
              }}
              data-testid="buildings-filter-node"
            />
          </Col>
          <Col xs={24} md={8}>
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
              placeholder={t('reg.building.field.number')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="buildings-search"
            />
          </Col>
        </Row>
        {buildings.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(buildings.error, locale, t)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <BuildingsTable
          data={buildings.data ?? []}
          loading={buildings.isFetching}
          onOpenHouseholds={(b) =>
            navigate(
              `/registry/households?node=${b.nodeId}&nodeName=${encodeURIComponent(b.nodeName)}&building=${b.id}`,
            )
          }
        />
      </Card>
      {creating ? (
        <BuildingFormModal
          open
          defaultNode={
            params.nodeId !== undefined
              ? { id: params.nodeId, name: params.nodeName ?? `#${params.nodeId}`, level: pickedLevel }
              : null
          }
          onClose={() => setCreating(false)}
        />
      ) : null}
    </div>
  );
}
