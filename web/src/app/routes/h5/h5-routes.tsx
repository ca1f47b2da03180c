import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RouteErrorPage } from '../errors/status-pages';
import { H5Layout } from './h5-layout';

// The residents' mobile pages (docs/resident-h5.md), outside the staff layout and loaded on demand: a resident's
// phone downloads none of the staff screens, and staff never download these.
const page = <K extends string>(load: () => Promise<Record<K, () => React.JSX.Element>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const Home = page(() => import('./h5-home-page'), 'H5HomePage');
const Report = page(() => import('./h5-report-page'), 'H5ReportPage');
const Done = page(() => import('./h5-done-page'), 'H5DonePage');
const Track = page(() => import('./h5-track-page'), 'H5TrackPage');
const Mine = page(() => import('./h5-mine-page'), 'H5MinePage');
const MyCase = page(() => import('./h5-my-case-page'), 'H5MyCasePage');
const Login = page(() => import('./h5-login-page'), 'H5LoginPage');
const Register = page(() => import('./h5-register-page'), 'H5RegisterPage');

export const h5Routes: RouteObject = {
  path: '/h5',
  element: <H5Layout />,
  errorElement: <RouteErrorPage />,
  children: [
    { index: true, element: <Home /> },
    { path: 'report', element: <Report /> },
    { path: 'report/done', element: <Done /> },
    { path: 'track', element: <Track /> },
    { path: 'mine', element: <Mine /> },
    { path: 'mine/:id', element: <MyCase /> },
    { path: 'login', element: <Login /> },
    { path: 'register', element: <Register /> },
    { path: '*', element: <Home /> },
  ],
};
