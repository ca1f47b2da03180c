import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { ME_QUERY_KEY } from '../features/auth/api/me';
import { configureApi } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { AppProviders } from './providers';
import { type AppRouter, createAppRouter } from './router';

function wireApi(router: AppRouter, queryClient: QueryClient, getLocale: () => string) {
  configureApi({
    getLocale,
    // A 401 anywhere means the session is gone (idle timeout, logout elsewhere): back to login, then here.
    onUnauthorized: () => {
      queryClient.setQueryData(ME_QUERY_KEY, null);
      const { pathname, search } = router.state.location;
      if (pathname === '/login') return;
      const next = `${pathname}${search}`;
      void router.navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, {
        replace: true,
      });
    },
  });
}

function RoutedApp() {
  const queryClient = useQueryClient();
  const { locale } = useI18n();
  const [router] = useState(createAppRouter);
  useEffect(() => {
    wireApi(router, queryClient, () => locale);
  }, [router, queryClient, locale]);
  return <RouterProvider router={router} />;
}

export function App() {
  return (
    <AppProviders>
      <RoutedApp />
    </AppProviders>
  );
}
