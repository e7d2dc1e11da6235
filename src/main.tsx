import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/app';
import { SupervisorApp, WALL_PATH } from './app/supervisor-app';
import { HistoryRoute } from './app/history-route';
import { SESSION_KEY, whenUnauthorized } from './shared/account-data';
import './index.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});
// A session that ended (idle, absolute expiry, signed out elsewhere): ask again who we are.
whenUnauthorized(() => void queryClient.invalidateQueries({ queryKey: SESSION_KEY }));

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {window.location.pathname === WALL_PATH ? (
        <SupervisorApp />
      ) : window.location.pathname === '/history' ? (
        <HistoryRoute />
      ) : (
        <App />
      )}
    </QueryClientProvider>
  </StrictMode>,
);
