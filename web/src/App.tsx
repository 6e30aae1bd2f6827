import { Center, Loader } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { PublicLayout } from './components/PublicLayout';
import { useAuth } from './lib/auth';

// One chunk per screen: the public pages never load the charts or the graph library.
const SignIn = lazy(() => import('./pages/SignIn'));
const loadDashboard = () => import('./pages/Dashboard');
const Dashboard = lazy(loadDashboard);
// The dashboard is the first screen: fetch its chunk while the session is still being checked.
if (window.location.pathname === '/') void loadDashboard();
const CheckPage = lazy(() => import('./pages/CheckPage'));
const PublicCheck = lazy(() => import('./pages/PublicCheck'));
const PublicReport = lazy(() => import('./pages/PublicReport'));
const NewReport = lazy(() => import('./pages/NewReport'));
const Reports = lazy(() => import('./pages/Reports'));
const ReportPage = lazy(() => import('./pages/ReportPage'));
const IndicatorPage = lazy(() => import('./pages/IndicatorPage'));
const Networks = lazy(() => import('./pages/Networks'));
const NetworkPage = lazy(() => import('./pages/NetworkPage'));
const IntakeQueue = lazy(() => import('./pages/IntakeQueue'));
const Admin = lazy(() => import('./pages/Admin'));
const CaseList = lazy(() => import('./pages/cases/CaseList'));
const CasePage = lazy(() => import('./pages/cases/CasePage'));
const RepatriationBoard = lazy(() => import('./pages/cases/RepatriationBoard'));
const CasesDashboard = lazy(() => import('./pages/cases/CasesDashboard'));
const RequestList = lazy(() => import('./pages/requests/RequestList'));
const NewRequest = lazy(() => import('./pages/requests/NewRequest'));
const RequestPage = lazy(() => import('./pages/requests/RequestPage'));
const DisputePage = lazy(() => import('./pages/dispute/DisputePage'));

const spinner = (
  <Center h={200}>
    <Loader aria-label="Loading" />
  </Center>
);

function Private({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return spinner;
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Layout>{children}</Layout>;
}

export function App() {
  return (
    <Suspense fallback={spinner}>
      <Routes>
        <Route path="/signin" element={<PublicLayout><SignIn /></PublicLayout>} />
        <Route path="/check" element={<PublicLayout><PublicCheck /></PublicLayout>} />
        <Route path="/report" element={<PublicLayout><PublicReport /></PublicLayout>} />
        <Route path="/dispute" element={<PublicLayout><DisputePage /></PublicLayout>} />
        <Route path="/" element={<Private><Dashboard /></Private>} />
        <Route path="/lookup" element={<Private><CheckPage /></Private>} />
        <Route path="/reports" element={<Private><Reports /></Private>} />
        <Route path="/reports/new" element={<Private><NewReport /></Private>} />
        <Route path="/reports/:id" element={<Private><ReportPage /></Private>} />
        <Route path="/indicators/:kind/:value" element={<Private><IndicatorPage /></Private>} />
        <Route path="/networks" element={<Private><Networks /></Private>} />
        <Route path="/networks/:id" element={<Private><NetworkPage /></Private>} />
        <Route path="/intake" element={<Private><IntakeQueue /></Private>} />
        <Route path="/admin" element={<Private><Admin /></Private>} />
        <Route path="/cases" element={<Private><CaseList /></Private>} />
        <Route path="/cases/board" element={<Private><RepatriationBoard /></Private>} />
        <Route path="/cases/dashboard" element={<Private><CasesDashboard /></Private>} />
        <Route path="/cases/:id" element={<Private><CasePage /></Private>} />
        <Route path="/requests" element={<Private><RequestList /></Private>} />
        <Route path="/requests/new" element={<Private><NewRequest /></Private>} />
        <Route path="/requests/:id" element={<Private><RequestPage /></Private>} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Suspense>
  );
}
