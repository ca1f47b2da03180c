import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ContactsOutlined,
  DownOutlined,
  GlobalOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TableOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '../../components/brand-mark';
import { useLogout } from '../../features/auth/api/logout';
import type { Me } from '../../features/auth/api/types';
import { ChangePasswordModal } from '../../features/auth/components/change-password-modal';
import { LangToggle } from '../../features/auth/components/lang-toggle';
import { TotpModal } from '../../features/auth/components/totp-modal';
import { hasPermission } from '../../features/auth/hooks/use-permissions';
import { ScopeSwitcher } from '../../features/grid/components/scope-switcher';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { useI18n } from '../../lib/i18n';
import { ScopeProvider } from '../../lib/scope';

interface NavEntry {
  key: string;
  path: string;
  testId: string;
  icon: ReactNode;
  label: string;
  permission: string | null;
  /** A group (人口房屋) shows its children as a sub-menu; the group itself has no page. */
  children?: NavEntry[];
}

function useNavEntries(me: Me): NavEntry[] {
  const { t } = useI18n();
  return useMemo(() => {
    const all: NavEntry[] = [
      {
        key: 'home',
        path: '/',
        testId: 'nav-home',
        icon: <HomeOutlined />,
        label: t('nav.home'),
        permission: null,
      },
      {
        key: 'grid',
        path: '/grid',
        testId: 'nav-grid',
        icon: <ApartmentOutlined />,
        label: t('nav.grid'),
        permission: 'grid.read',
      },
      {
        key: 'chart',
        path: '/chart',
        testId: 'nav-chart',
        icon: <TableOutlined />,
        label: t('nav.chart'),
        permission: 'grid.read',
      },
      {
        key: 'visits',
        path: '/visits',
        testId: 'nav-visits',
        icon: <CarryOutOutlined />,
        label: t('nav.visits'),
        permission: 'person.read',
      },
      {
        key: 'cases-group',
        path: '',
        testId: 'nav-cases',
        icon: <ScheduleOutlined />,
        label: t('nav.cases'),
        permission: null,
        children: [
          {
            key: 'cases',
            path: '/cases',
            testId: 'nav-cases-inbox',
            icon: null,
            label: t('nav.cases.inbox'),
            permission: 'case.read',
          },
          {
            key: 'cases/all',
            path: '/cases/all',
            testId: 'nav-cases-all',
            icon: null,
            label: t('nav.cases.all'),
            permission: 'case.read',
          },
          {
            key: 'cases/board',
            path: '/cases/board',
            testId: 'nav-cases-board',
            icon: null,
            label: t('nav.cases.board'),
            permission: 'case.read',
          },
          {
            key: 'cases/overdue',
            path: '/cases/overdue',
            testId: 'nav-cases-overdue',
            icon: null,
            label: t('nav.cases.overdue'),
            permission: 'case.read',
          },
          {
            key: 'cases/new',
            path: '/cases/new',
            testId: 'nav-cases-new',
            icon: null,
            label: t('nav.cases.new'),
            permission: 'case.create',
          },
          {
            key: 'hotline',
            path: '/hotline',
            testId: 'nav-hotline',
            icon: null,
            label: t('nav.cases.hotline'),
            permission: 'case.dispatch',
          },
        ],
      },
      {
        key: 'registry',
        path: '',
        testId: 'nav-registry',
        icon: <ContactsOutlined />,
        label: t('nav.registry'),
        permission: null,
        children: [
          {
            key: 'registry/households',
            path: '/registry/households',
            testId: 'nav-households',
            icon: null,
            label: t('nav.households'),
            permission: 'person.read',
          },
          {
            key: 'registry/residents',
            path: '/registry/residents',
            testId: 'nav-residents',
            icon: null,
            label: t('nav.residents'),
            permission: 'person.read',
          },
          {
            key: 'registry/buildings',
            path: '/registry/buildings',
            testId: 'nav-buildings',
            icon: null,
            label: t('nav.buildings'),
            permission: 'person.read',
          },
          {
            key: 'registry/tags',
            path: '/registry/tags',
            testId: 'nav-tags',
            icon: null,
            label: t('nav.tags'),
            permission: 'grid.read',
          },
          {
            key: 'resident-accounts',
            path: '/resident-accounts',
            testId: 'nav-resident-accounts',
            icon: null,
            label: t('nav.residentAccounts'),
            permission: 'person.write',
          },
        ],
      },
      {
        key: 'imports',
        path: '/imports',
        testId: 'nav-imports',
        icon: <CloudUploadOutlined />,
        label: t('nav.imports'),
        permission: 'person.write',
      },
      {
        key: 'users',
        path: '/users',
        testId: 'nav-users',
        icon: <TeamOutlined />,
        label: t('nav.users'),
        permission: 'user.read',
      },
      {
        key: 'audit',
        path: '/audit',
        testId: 'nav-audit',
        icon: <AuditOutlined />,
        label: t('nav.audit'),
        permission: 'audit.read',
      },
      {
        key: 'settings/webhooks',
        path: '/settings/webhooks',
        testId: 'nav-webhooks',
        icon: <ApiOutlined />,
        label: t('nav.webhooks'),
        permission: 'settings.write',
      },
      {
        key: 'settings/open311',
        path: '/settings/open311',
        testId: 'nav-open311',
        icon: <GlobalOutlined />,
        label: t('nav.open311'),
        permission: 'settings.write',
      },
    ];
    const allowed = (entry: NavEntry) => entry.permission === null || hasPermission(me, entry.permission);
    return all
      .filter(allowed)
      .map((entry) => (entry.children ? { ...entry, children: entry.children.filter(allowed) } : entry))
      .filter((entry) => !entry.children || entry.children.length > 0);
  }, [me, t]);
}

function selectedKey(pathname: string): string {
  const [, first = '', second] = pathname.split('/');
  if (first === 'registry' && second) return `registry/${second}`;
  if (first === 'settings' && second) return `settings/${second}`;
  if (first === 'cases') {
    return second && ['all', 'board', 'overdue', 'new'].includes(second) ? `cases/${second}` : 'cases';
  }
  return first === '' ? 'home' : first;
}

function NavMenu({ entries, onNavigate }: { entries: NavEntry[]; onNavigate?: () => void }) {
  const location = useLocation();
  const item = (entry: NavEntry) => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={entry.testId} onClick={onNavigate}>
        {entry.label}
      </Link>
    ),
  });
  const items: MenuProps['items'] = entries.map((entry) =>
    entry.children
      ? {
          key: entry.key,
          icon: entry.icon,
          label: <span data-testid={entry.testId}>{entry.label}</span>,
          children: entry.children.map(item),
        }
      : item(entry),
  );
  const selected = selectedKey(location.pathname);
  return (
    <Menu
      className="og-nav"
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={entries.filter((e) => e.children?.some((c) => c.key === selected)).map((e) => e.key)}
      items={items}
    />
  );
}

/** The signed-in frame: red header, role-based side navigation, a drawer instead of the sider on phones. */
export function AppLayout({ me }: { me: Me }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const isDesktop = Boolean(screens.lg);
  const showHeaderScope = Boolean(screens.md);
  const navigate = useNavigate();
  const logout = useLogout();
  const entries = useNavEntries(me);
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [totpOpen, setTotpOpen] = useState(false);

  const canBrowseGrid = hasPermission(me, 'grid.read');
  const homeAssignment = me.assignments.find((a) => a.nodeId === me.homeNodeId) ?? me.assignments[0];
  const fallbackScope = useMemo(
    () => (homeAssignment ? { id: homeAssignment.nodeId, name: homeAssignment.nodeName } : null),
    [homeAssignment],
  );

  const userMenu: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.4 }}>
          <div style={{ color: 'rgba(0,0,0,0.88)', fontWeight: 600 }}>{me.user.displayName}</div>
          <div style={{ fontSize: 12 }}>@{me.user.username}</div>
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t('user.changePassword')}</span>,
      onClick: () => setPasswordOpen(true),
    },
    {
      key: 'totp',
      icon: <SafetyCertificateOutlined />,
      label: (
        <span data-testid="totp-setup">
          {me.user.totpEnabled ? t('user.totp.manage') : t('user.totp.setup')}
        </span>
      ),
      onClick: () => setTotpOpen(true),
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('user.logout')}</span>,
      onClick: () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }),
    },
  ];

  const scopeSwitcher = (width: number | string, onPicked?: () => void) => (
    <ScopeSwitcher
      canBrowseGrid={canBrowseGrid}
      assignments={me.assignments}
      width={width}
      onPicked={onPicked}
    />
  );

  return (
    <ScopeProvider userId={me.user.id} fallback={fallbackScope}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="og-header">
          {isDesktop ? (
            <Button
              type="text"
              className="og-header-button"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
              aria-label={t('nav.toggle')}
            />
          ) : (
            <Button
              type="text"
              className="og-header-button"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('nav.open')}
              data-testid="nav-drawer-toggle"
            />
          )}
          <Link to="/" className="og-brand">
            <span className="og-brand-mark">
              <BrandMark />
            </span>
            <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.2 }}>
              <span className="og-brand-name">{t('app.name')}</span>
              <span className="og-brand-sub">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="og-header-spacer" />
          {showHeaderScope ? scopeSwitcher(screens.xl ? 300 : 220) : null}
          <NotificationBell className="og-header-button" />
          <LangToggle className="og-header-button" onDark />
          <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
            <Button
              type="text"
              className="og-header-button"
              data-testid="user-menu"
              style={{ paddingInline: 6 }}
            >
              <Avatar size={28} style={{ background: '#f6c36b', color: '#8f0d13', fontWeight: 600 }}>
                {me.user.displayName.slice(0, 1) || me.user.username.slice(0, 1)}
              </Avatar>
              {screens.sm ? (
                <>
                  <span style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {me.user.displayName}
                  </span>
                  <DownOutlined style={{ fontSize: 10 }} />
                </>
              ) : null}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout>
          {isDesktop ? (
            <Layout.Sider
              width={208}
              collapsedWidth={64}
              collapsed={collapsed}
              className="og-sider"
              theme="light"
              style={{ position: 'sticky', top: 56, height: 'calc(100vh - 56px)', overflow: 'auto' }}
            >
              <NavMenu entries={entries} />
            </Layout.Sider>
          ) : (
            <Drawer
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              placement="left"
              size={280}
              title={
                <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
                  <span className="og-brand-mark" style={{ background: '#b3141b', width: 28, height: 28 }}>
                    <BrandMark size={18} />
                  </span>
                  {t('app.name')}
                </span>
              }
              styles={{ body: { padding: 8 } }}
            >
              {showHeaderScope ? null : (
                <div style={{ padding: '4px 8px 12px' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('scope.label')}
                  </Typography.Text>
                  {scopeSwitcher('100%', () => setDrawerOpen(false))}
                </div>
              )}
              <NavMenu entries={entries} onNavigate={() => setDrawerOpen(false)} />
            </Drawer>
          )}
          <Layout.Content className="og-content">
            <Suspense
              fallback={
                <div style={{ textAlign: 'center', padding: 64 }}>
                  <Spin size="large" />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
      <ChangePasswordModal
        open={passwordOpen || me.user.mustChangePassword}
        forced={me.user.mustChangePassword}
        username={me.user.username}
        onClose={() => setPasswordOpen(false)}
      />
      <TotpModal
        open={totpOpen || (me.user.mustSetupTotp && !me.user.mustChangePassword)}
        forced={me.user.mustSetupTotp}
        enabled={me.user.totpEnabled}
        onClose={() => setTotpOpen(false)}
      />
    </ScopeProvider>
  );
}
