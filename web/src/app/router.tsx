import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth, RequirePermission } from './require-auth';
import { ForbiddenPage, NotFoundPage, RouteErrorPage } from './routes/errors/status-pages';
import { HomePage } from './routes/home/home-page';
import { LoginPage } from './routes/login/login-page';

// Admin screens load on demand: a grid worker on a phone never downloads the audit screen.
const GridPage = lazy(() => import('./routes/grid/grid-page').then((m) => ({ default: m.GridPage })));
const UsersPage = lazy(() => import('./routes/users/users-page').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./routes/audit/audit-page').then((m) => ({ default: m.AuditPage })));

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
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
        {
          path: 'users',
          element: (
            <RequirePermission permission="user.read">
              <UsersPage />
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
        { path: '403', element: <ForbiddenPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
