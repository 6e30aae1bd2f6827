import { Anchor, AppShell, Badge, Burger, Button, Center, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { mayDo, useAuth } from '../lib/auth';
import { LanguageSwitcher } from './LanguageSwitcher';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const links = [
    { to: '/', label: t('nav.dashboard'), show: true },
    { to: '/lookup', label: t('nav.check'), show: true },
    { to: '/reports', label: t('nav.reports'), show: mayDo(user, 'readReports') },
    { to: '/reports/new', label: t('nav.newReport'), show: mayDo(user, 'report') },
    { to: '/networks', label: t('nav.networks'), show: mayDo(user, 'readReports') },
    { to: '/intake', label: t('nav.intake'), show: mayDo(user, 'intake') },
    { to: '/cases', label: t('nav.cases'), show: mayDo(user, 'intake') },
    { to: '/requests', label: t('requests.nav'), show: mayDo(user, 'readReports') },
    { to: '/admin', label: t('nav.admin'), show: true },
  ];
  // The link whose path is the longest prefix of the current one: /reports/new is "New report", /reports/123 is "Reports".
  const matches = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(to + '/'));
  const current = links.filter((l) => l.show && matches(l.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  const active = (to: string) => to === current;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={2} size="h3">
                fraudx
              </Title>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Stack gap={0} visibleFrom="xs" align="flex-end">
              <Text size="sm" fw={600} data-testid="org-name">
                {user?.orgName}
              </Text>
              <Text size="xs" c="dimmed">
                {user?.email || t('auth.apiKeyUser')}
              </Text>
            </Stack>
            <Badge variant="light" data-testid="role">
              {t(`roles.${user?.role ?? 'viewer'}`)}
            </Badge>
            <LanguageSwitcher />
            <Button
              size="xs"
              variant="default"
              onClick={async () => {
                await signOut();
                navigate('/signin');
              }}
            >
              {t('auth.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <NavLink key={l.to} component={Link} to={l.to} label={l.label} active={active(l.to)} onClick={close} aria-current={active(l.to) ? 'page' : undefined} />
          ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Suspense
          fallback={
            <Center h={200}>
              <Loader aria-label={t('common.loading')} />
            </Center>
          }
        >
          {children}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
