import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
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
  // Read at request time, set during render: a page's effect that refetches on a language switch runs before this
  // component's effects, and must already send the new Accept-Language.
  const localeRef = useRef(locale);
  localeRef.current = locale;
  useEffect(() => {
    wireApi(router, queryClient, () => localeRef.current);
  }, [router, queryClient]);
  return <RouterProvider router={router} />;
}

export function App() {
  return (
    <AppProviders>
      <RoutedApp />
    </AppProviders>
  );
}
