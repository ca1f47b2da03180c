import {
  ApartmentOutlined,
  AuditOutlined,
  EnvironmentOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { isRole, ROLE_LABELS } from '../../../../../common/permissions';
import { PageHeader } from '../../../components/page-header';
import { useMe } from '../../../features/auth/api/me';
import { hasPermission } from '../../../features/auth/hooks/use-permissions';
import { LevelTag } from '../../../features/grid/components/level-tag';
import { pickLabel, useI18n } from '../../../lib/i18n';
import { useScope } from '../../../lib/scope';

function greetingKey(hour: number) {
  if (hour < 11) return 'home.greeting.morning' as const;
  if (hour < 14) return 'home.greeting.noon' as const;
  if (hour < 18) return 'home.greeting.afternoon' as const;
  return 'home.greeting.evening' as const;
}

interface QuickLink {
  key: string;
  icon: ReactNode;
  title: string;
  body: string;
  to: string;
}

/** 工作台: who you are, where you work, and where to go next. No invented numbers. */
export function HomePage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { scope } = useScope();
  if (!me) return null;
  // Residents have no workbench: their pages are the phone pages under /h5.
  if (me.assignments.length > 0 && me.assignments.every((a) => a.role === 'resident'))
    return <Navigate to="/h5" replace />;

  const roleLabel = (role: string) => (isRole(role) ? pickLabel(ROLE_LABELS[role], locale) : role);
  const roles = [...new Set(me.assignments.map((a) => a.role))];

  const links: QuickLink[] = [];
  if (hasPermission(me, 'grid.read')) {
    links.push({
      key: 'grid',
      icon: <ApartmentOutlined />,
      title: t('nav.grid'),
      body: t('home.link.grid'),
      to: scope ? `/grid/${scope.id}` : '/grid',
    });
  }
  if (hasPermission(me, 'user.read')) {
    links.push({
      key: 'users',
      icon: <TeamOutlined />,
      title: t('nav.users'),
      body: t('home.link.users'),
      to: '/users',
    });
  }
  if (hasPermission(me, 'audit.read')) {
    links.push({
      key: 'audit',
      icon: <AuditOutlined />,
      title: t('nav.audit'),
      body: t('home.link.audit'),
      to: '/audit',
    });
  }

  return (
    <div data-testid="home-page">
      <PageHeader
        title={t(greetingKey(new Date().getHours()), { name: me.user.displayName })}
        subtitle={t('home.subtitle')}
      />
      {!me.user.totpEnabled ? (
        <Alert
          type="info"
          showIcon
          icon={<SafetyCertificateOutlined />}
          style={{ marginBottom: 16 }}
          title={t('home.totpHint')}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card className="og-card" title={t('home.myRoles')} style={{ height: '100%' }}>
            {roles.length === 0 ? (
              <Empty description={t('home.noRoles')} />
            ) : (
              <Space size={[8, 8]} wrap style={{ display: 'flex', marginBottom: 20 }}>
                {roles.map((role) => (
                  <Tag key={role} color="red" style={{ fontSize: 13, padding: '2px 10px' }}>
                    {roleLabel(role)}
                  </Tag>
                ))}
              </Space>
            )}
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('home.scopeNow')}
            </Typography.Text>
            <div style={{ marginTop: 4, fontSize: 16 }}>
              <EnvironmentOutlined style={{ color: '#c8161d', marginInlineEnd: 6 }} />
              {scope?.name ?? t('home.scopeNone')}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card className="og-card" title={t('home.myNodes')} style={{ height: '100%' }}>
            <List
              dataSource={me.assignments}
              locale={{ emptyText: t('home.noRoles') }}
              renderItem={(a) => (
                <List.Item
                  actions={
                    hasPermission(me, 'grid.read')
                      ? [
                          <Typography.Link key="open" onClick={() => navigate(`/grid/${a.nodeId}`)}>
                            {t('common.open')}
                          </Typography.Link>,
                        ]
                      : undefined
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space size={6} wrap>
                        <span>{a.nodeName}</span>
                        <LevelTag level={a.nodeLevel} compact />
                      </Space>
                    }
                    description={roleLabel(a.role)}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {links.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ margin: '24px 0 12px' }}>
            {t('home.quickLinks')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {links.map((link) => (
              <Col key={link.key} xs={24} sm={12} lg={8}>
                <Card
                  className="og-card og-quick-link"
                  onClick={() => navigate(link.to)}
                  data-testid={`quick-${link.key}`}
                  role="link"
                >
                  <Space align="start" size={14}>
                    <span
                      style={{
                        display: 'grid',
                        placeItems: 'center',
                        width: 44,
                        height: 44,
                        borderRadius: 10,
                        background: '#fcebea',
                        color: '#c8161d',
                        fontSize: 22,
                      }}
                    >
                      {link.icon}
                    </span>
                    <div>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {link.title}
                      </Typography.Text>
                      <div style={{ color: 'rgba(0,0,0,0.55)', marginTop: 4 }}>{link.body}</div>
                    </div>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      ) : null}
    </div>
  );
}
