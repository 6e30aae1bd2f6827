import '@mantine/core/styles.css';
import './app.css';
import { createTheme, type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import './i18n';
import { AuthProvider } from './lib/auth';
import { dashboardFigures, topNetworks } from './lib/dashboard-queries';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } });

// The dashboard is the first screen: its data is asked for while the session is checked.
if (window.location.pathname === '/') {
  void queryClient.prefetchQuery(dashboardFigures);
  void queryClient.prefetchQuery(topNetworks);
}

// Blue 8 on white and the darker dimmed text keep contrast above WCAG AA.
const theme = createTheme({ primaryColor: 'blue', primaryShade: 8, fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Thai", sans-serif' });

// The library's dimmed grey (#868e96) is 3.3:1 on white; this one is 8:1. Its error red (#fa5252) is 3.3:1; red 9 is 5.4:1.
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#495057', '--mantine-color-error': 'var(--mantine-color-red-9)' }, dark: {} });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={contrast}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
