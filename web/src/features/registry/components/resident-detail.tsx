import {
  EditOutlined,
  ExportOutlined,
  HistoryOutlined,
  ImportOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Grid, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { RevealValue } from '../../../components/reveal-value';
import { formatDate } from '../../../lib/format';
import { revealResidentField } from '../api/reveal-resident';
import type { ResidentDetail as ResidentData } from '../api/types';
import { useRegistryI18n } from '../messages';
import { allows } from './allowed';
import { politicalLabel, relationLabel } from './labels';
import { MoveInModal, MoveOutModal } from './move-modals';
import { ResidentFormModal } from './resident-form-modal';
import { ResidentTimeline } from './resident-timeline';
import { HujiFlag, SexMark, StatusTag } from './residents-table';
import { chipKey, TagChip } from './tag-chip';

type ModalKind = 'edit' | 'out' | 'in' | null;

/** 居民详情: the person (masked, with an audited 查看), their tags and their history; edit, 迁出, 迁入. */
export function ResidentDetail({ resident }: { resident: ResidentData }) {
  const { t, locale } = useRegistryI18n();
  const narrow = !Grid.useBreakpoint().sm;
  const [open, setOpen] = useState<ModalKind>(null);
  const can = (name: string) => allows(resident.allowedActions, name);
  const canEdit = can('edit');
  const canMoveOut = can('move_out') && resident.householdId !== null;
  const canMoveIn = can('move_in');
  const text = (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <div data-testid="resident-detail">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card className="og-card" size={narrow ? 'small' : 'default'}>
            <div className="og-detail-head">
              <Space size={10} wrap align="center">
                <span className="og-detail-icon">
                  <UserOutlined />
                </span>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="resident-name">
                  {resident.name}
                </Typography.Title>
                <SexMark sex={resident.sex} />
                {resident.age !== null ? (
                  <Typography.Text>{t('reg.age', { age: resident.age })}</Typography.Text>
                ) : null}
                <StatusTag status={resident.status} t={t} />
              </Space>
              <Space wrap size={8} data-testid="resident-actions">
                {canEdit ? (
                  <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="resident-edit">
                    {t('reg.resident.edit')}
                  </Button>
                ) : null}
                {canMoveIn ? (
                  <Button icon={<ImportOutlined />} onClick={() => setOpen('in')} data-testid="move-in">
                    {t('reg.resident.moveIn')}
                  </Button>
                ) : null}
                {canMoveOut ? (
                  <Button
                    danger
                    icon={<ExportOutlined />}
                    onClick={() => setOpen('out')}
                    data-testid="move-out"
                  >
                    {t('reg.resident.moveOut')}
                  </Button>
                ) : null}
              </Space>
            </div>
            {resident.tags.length ? (
              <div className="og-tag-row" data-testid="resident-tags">
                {resident.tags.map((tag) => (
                  <TagChip key={chipKey(tag)} tag={tag} />
                ))}
              </div>
            ) : null}
            <Descriptions
              style={{ marginTop: 16 }}
              size="small"
              bordered
              column={{ xs: 1, sm: 2 }}
              className="og-person-desc"
              styles={{ label: { whiteSpace: 'nowrap', width: narrow ? 84 : 110 } }}
              items={[
                {
                  key: 'household',
                  label: t('reg.resident.household'),
                  children:
                    resident.householdId !== null && resident.roomLabel ? (
                      <Link
                        to={`/registry/households/${resident.householdId}`}
                        className="og-room"
                        data-testid="resident-household-link"
                      >
                        {resident.roomLabel}
                      </Link>
                    ) : (
                      <Typography.Text type="secondary">{t('reg.resident.noHousehold')}</Typography.Text>
                    ),
                },
                {
                  key: 'relation',
                  label: t('reg.col.relation'),
                  children: relationLabel(resident.relation, locale),
                },
                {
                  key: 'id',
                  label: t('reg.col.idNumber'),
                  span: { xs: 1, sm: 2 },
                  children: (
                    <RevealValue
                      masked={resident.idNumberMasked}
                      canReveal={can('reveal_id')}
                      reveal={() => revealResidentField(resident.id, 'idNumber')}
                      testId="resident-reveal-id"
                    />
                  ),
                },
                {
                  key: 'phone',
                  label: t('reg.col.phone'),
                  span: { xs: 1, sm: 2 },
                  children: (
                    <RevealValue
                      masked={resident.phoneMasked}
                      canReveal={can('reveal_phone')}
                      reveal={() => revealResidentField(resident.id, 'phone')}
                      testId="resident-reveal-phone"
                    />
                  ),
                },
                { key: 'birth', label: t('reg.resident.birthDate'), children: text(resident.birthDate) },
                {
                  key: 'huji',
                  label: t('reg.col.huji'),
                  children: (
                    <HujiFlag
                      registeredHere={resident.registeredHere}
                      livingHere={resident.livingHere}
                      t={t}
                    />
                  ),
                },
                {
                  key: 'political',
                  label: t('reg.col.political'),
                  children:
                    resident.politicalStatus === 'cpc_member' ||
                    resident.politicalStatus === 'cpc_probationary' ? (
                      <Tag color="red">{politicalLabel(resident.politicalStatus, locale)}</Tag>
                    ) : (
                      politicalLabel(resident.politicalStatus, locale)
                    ),
                },
                { key: 'ethnicity', label: t('reg.resident.ethnicity'), children: text(resident.ethnicity) },
                { key: 'education', label: t('reg.resident.education'), children: text(resident.education) },
                { key: 'marital', label: t('reg.resident.marital'), children: text(resident.maritalStatus) },
                {
                  key: 'occupation',
                  label: t('reg.resident.occupation'),
                  children: text(resident.occupation),
                },
                { key: 'employer', label: t('reg.resident.employer'), children: text(resident.employer) },
                { key: 'in', label: t('reg.resident.movedInAt'), children: formatDate(resident.movedInAt) },
                {
                  key: 'out',
                  label: t('reg.resident.movedOutAt'),
                  children: formatDate(resident.movedOutAt),
                },
                {
                  key: 'notes',
                  label: t('reg.resident.notes'),
                  span: { xs: 1, sm: 2 },
                  children: text(resident.notes),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            className="og-card"
            title={
              <Space>
                <HistoryOutlined />
                {t('reg.resident.history')}
              </Space>
            }
          >
            <ResidentTimeline events={resident.history} />
          </Card>
        </Col>
      </Row>
      {open === 'edit' ? (
        <ResidentFormModal open mode="edit" resident={resident} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'out' ? <MoveOutModal open resident={resident} onClose={() => setOpen(null)} /> : null}
      {open === 'in' ? <MoveInModal open resident={resident} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
