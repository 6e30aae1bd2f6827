import { Anchor, Center, Container, Group, Loader, Text, Title } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The frame of the pages anyone may open: check, report, sign in. Light, for phones first. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header>
        <Container size="md" py="sm">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h3">
              fraudx
            </Title>
            <Group gap="md">
              <nav aria-label={t('nav.main')}>
                <Group gap="md">
                  <Anchor component={Link} to="/check" size="sm">
                    {t('public.nav.check')}
                  </Anchor>
                  <Anchor component={Link} to="/report" size="sm">
                    {t('public.nav.report')}
                  </Anchor>
                  <Anchor component={Link} to="/dispute" size="sm" data-testid="nav-dispute">
                    {t('public.nav.dispute')}
                  </Anchor>
                  <Anchor component={Link} to="/signin" size="sm">
                    {t('auth.signIn')}
                  </Anchor>
                </Group>
              </nav>
              <LanguageSwitcher />
            </Group>
          </Group>
        </Container>
      </header>
      <main id="main">
        <Container size="md" py="md">
          <Suspense
            fallback={
              <Center h={200}>
                <Loader aria-label={t('common.loading')} />
              </Center>
            }
          >
            {children}
          </Suspense>
        </Container>
      </main>
      <footer>
        <Container size="md" py="lg">
          <Text size="xs" c="dimmed">
            {t('public.footer')}
          </Text>
        </Container>
      </footer>
    </>
  );
}
