import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth, RequirePermission } from './require-auth';
import { ForbiddenPage, NotFoundPage, RouteErrorPage } from './routes/errors/status-pages';
import { h5Routes } from './routes/h5/h5-routes';
import { HomePage } from './routes/home/home-page';
import { LoginPage } from './routes/login/login-page';

// Admin screens load on demand: a grid worker on a phone never downloads the audit screen.
const GridPage = lazy(() => import('./routes/grid/grid-page').then((m) => ({ default: m.GridPage })));
const ChartPage = lazy(() => import('./routes/gridchart/chart-page').then((m) => ({ default: m.ChartPage })));
const UsersPage = lazy(() => import('./routes/users/users-page').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./routes/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const HotlinePage = lazy(() =>
  import('./routes/hotline/hotline-page').then((m) => ({ default: m.HotlinePage })),
);
const ImportsPage = lazy(() =>
  import('./routes/imports/imports-page').then((m) => ({ default: m.ImportsPage })),
);
const VisitsPage = lazy(() => import('./routes/visits/visits-page').then((m) => ({ default: m.VisitsPage })));
const RecordVisitPage = lazy(() =>
  import('./routes/visits/record-visit-page').then((m) => ({ default: m.RecordVisitPage })),
);
const HouseholdVisitsPage = lazy(() =>
  import('./routes/visits/household-visits-page').then((m) => ({ default: m.HouseholdVisitsPage })),
);
const HouseholdsPage = lazy(() =>
  import('./routes/registry/households-page').then((m) => ({ default: m.HouseholdsPage })),
);
const HouseholdPage = lazy(() =>
  import('./routes/registry/household-page').then((m) => ({ default: m.HouseholdPage })),
);
const ResidentsPage = lazy(() =>
  import('./routes/registry/residents-page').then((m) => ({ default: m.ResidentsPage })),
);
const ResidentPage = lazy(() =>
  import('./routes/registry/resident-page').then((m) => ({ default: m.ResidentPage })),
);
const BuildingsPage = lazy(() =>
  import('./routes/registry/buildings-page').then((m) => ({ default: m.BuildingsPage })),
);
const TagsPage = lazy(() => import('./routes/registry/tags-page').then((m) => ({ default: m.TagsPage })));
const ResidentAccountsPage = lazy(() =>
  import('./routes/resident-accounts/resident-accounts-page').then((m) => ({
    default: m.ResidentAccountsPage,
  })),
);
const CasesInboxPage = lazy(() =>
  import('./routes/cases/inbox-page').then((m) => ({ default: m.CasesInboxPage })),
);
const CasesListPage = lazy(() =>
  import('./routes/cases/list-page').then((m) => ({ default: m.CasesListPage })),
);
const CasesBoardPage = lazy(() =>
  import('./routes/cases/board-page').then((m) => ({ default: m.CasesBoardPage })),
);
const CasesOverduePage = lazy(() =>
  import('./routes/cases/overdue-page').then((m) => ({ default: m.CasesOverduePage })),
);
const CaseCreatePage = lazy(() =>
  import('./routes/cases/create-page').then((m) => ({ default: m.CaseCreatePage })),
);
const CaseDetailPage = lazy(() =>
  import('./routes/cases/detail-page').then((m) => ({ default: m.CaseDetailPage })),
);
const CasePrintPage = lazy(() =>
  import('./routes/cases/print-page').then((m) => ({ default: m.CasePrintPage })),
);

const NotificationsPage = lazy(() =>
  import('./routes/notifications/notifications-page').then((m) => ({ default: m.NotificationsPage })),
);
const WebhooksPage = lazy(() =>
  import('./routes/settings/webhooks/webhooks-page').then((m) => ({ default: m.WebhooksPage })),
);
const Open311Page = lazy(() =>
  import('./routes/settings/open311/open311-page').then((m) => ({ default: m.Open311Page })),
);

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
    h5Routes,
    {
      path: '/',
      element: <RequireAuth />,
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <HomePage /> },
        {
          path: 'grid',
          element: (
            <RequirePermission permission="grid.read">
              <GridPage />
            </RequirePermission>
          ),
        },
        {
          path: 'grid/:nodeId',
          element: (
            <RequirePermission permission="grid.read">
              <GridPage />
            </RequirePermission>
          ),
        },
        ...['chart/:nodeId?', 'chart/:nodeId/wall'].map((path) => ({
          path,
          element: (
            <RequirePermission permission="grid.read">
              <ChartPage />
            </RequirePermission>
          ),
        })),
        {
          path: 'visits',
          element: (
            <RequirePermission permission="person.read">
              <VisitsPage />
            </RequirePermission>
          ),
        },
        {
          path: 'visits/new',
          element: (
            <RequirePermission permission="person.read">
              <RecordVisitPage />
            </RequirePermission>
          ),
        },
        {
          path: 'visits/household/:householdId',
          element: (
            <RequirePermission permission="person.read">
              <HouseholdVisitsPage />
            </RequirePermission>
          ),
        },
        {
          path: 'users',
          element: (
            <RequirePermission permission="user.read">
              <UsersPage />
            </RequirePermission>
          ),
        },
        {
          path: 'imports',
          element: (
            <RequirePermission permission="person.write">
              <ImportsPage />
            </RequirePermission>
          ),
        },
        {
          path: 'audit',
          element: (
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          ),
        },
        {
          path: 'registry/households',
          element: (
            <RequirePermission permission="person.read">
              <HouseholdsPage />
            </RequirePermission>
          ),
        },
        {
          path: 'registry/households/:id',
          element: (
            <RequirePermission permission="person.read">
              <HouseholdPage />
            </RequirePermission>
          ),
        },
        {
          path: 'registry/residents',
          element: (
            <RequirePermission permission="person.read">
              <ResidentsPage />
            </RequirePermission>
          ),
        },
        {
          path: 'registry/residents/:id',
          element: (
            <RequirePermission permission="person.read">
              <ResidentPage />
            </RequirePermission>
          ),
        },
        {
          path: 'registry/buildings',
          element: (
            <RequirePermission permission="person.read">
              <BuildingsPage />
            </RequirePermission>
          ),
        },
        {
          path: 'registry/tags',
          element: (
            <RequirePermission permission="grid.read">
              <TagsPage />
            </RequirePermission>
          ),
        },
        ...(
          [
            ['cases', 'case.read', <CasesInboxPage key="inbox" />],
            ['cases/all', 'case.read', <CasesListPage key="all" />],
            ['cases/board', 'case.read', <CasesBoardPage key="board" />],
            ['cases/overdue', 'case.read', <CasesOverduePage key="overdue" />],
            ['cases/new', 'case.create', <CaseCreatePage key="new" />],
            ['cases/:id', 'case.read', <CaseDetailPage key="detail" />],
            ['cases/:id/print', 'case.read', <CasePrintPage key="print" />],
          ] as const
        ).map(([path, permission, page]) => ({
          path,
          element: <RequirePermission permission={permission}>{page}</RequirePermission>,
        })),
        {
          path: 'resident-accounts',
          element: (
            <RequirePermission permission="person.write">
              <ResidentAccountsPage />
            </RequirePermission>
          ),
        },
        { path: 'notifications', element: <NotificationsPage /> },
        {
          path: 'settings/webhooks',
          element: (
            <RequirePermission permission="settings.write">
              <WebhooksPage />
            </RequirePermission>
          ),
        },
        {
          path: 'settings/open311',
          element: (
            <RequirePermission permission="settings.write">
              <Open311Page />
            </RequirePermission>
          ),
        },
        {
          path: 'hotline',
          element: (
            <RequirePermission permission="case.dispatch">
              <HotlinePage />
            </RequirePermission>
          ),
        },
        { path: '403', element: <ForbiddenPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
