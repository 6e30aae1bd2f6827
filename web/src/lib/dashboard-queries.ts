import { get, query } from './api';
import type { Dashboard, NetworkSummary } from './types';

const LAST_VISIT = 'fraudx.lastVisit';

/** The time of the previous visit, read once per page load; this visit becomes the next one's. */
export const lastVisit: string | null = (() => {
  const previous = localStorage.getItem(LAST_VISIT);
  localStorage.setItem(LAST_VISIT, new Date().toISOString());
  return previous;
})();

// Shared by the dashboard and by the start-up prefetch, so both hit the same cache entries.
export const dashboardFigures = {
  queryKey: ['dashboard', lastVisit],
  queryFn: () => get<Dashboard>('/api/v1/dashboard' + query({ since: lastVisit })),
};

export const topNetworks = {
  queryKey: ['networks', 'top'],
  queryFn: async () => (await get<{ items: NetworkSummary[] }>('/api/v1/networks' + query({ limit: 5 }))).items,
  retry: false,
};
