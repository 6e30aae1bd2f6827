import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Countries, Problem, ScoreBadge, Typologies } from '../components/bits';
import { KindField } from '../components/KindField';
import { indicatorPath, post } from '../lib/api';
import { mayDo, useAuth } from '../lib/auth';
import { date, number } from '../lib/format';
import type { CheckResult } from '../lib/types';

export default function CheckPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [value, setValue] = useState('');
  const check = useMutation({
    mutationFn: async (v: string) => (await post<{ results: CheckResult[] }>('/api/v1/check', { items: [{ value: v }] })).results[0],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) check.mutate(value.trim());
  };
  const r = check.data;

  return (
    <Stack maw={820}>
      <Title order={1}>{t('check.title')}</Title>
      <Text>{t('check.intro')}</Text>
      <form onSubmit={submit} role="search">
        <Group align="flex-start" wrap="nowrap">
          <KindField style={{ flex: 1 }} label={t('check.label')} placeholder={t('check.placeholder')} value={value} onValue={setValue} data-testid="check-input" autoFocus />
          <Button type="submit" mt={25} loading={check.isPending} data-testid="check-submit">
            {t('check.submit')}
          </Button>
        </Group>
      </form>
      {check.error && <Problem error={check.error} />}
      {r && (
        <Card withBorder padding="lg" data-testid="check-result" aria-live="polite">
          {r.error ? (
            <Alert color="red" title={t('check.notRecognised')}>
              {r.error.message}
            </Alert>
          ) : (
            <Stack>
              <Group justify="space-between">
                <Text fw={700} size="lg" ff="monospace">
                  {r.canonical}
                </Text>
                {r.known ? <ScoreBadge score={r.score ?? 0} /> : null}
              </Group>
              <Alert color={r.known ? 'red' : r.allowlisted ? 'green' : 'gray'} data-testid="check-verdict" title={r.known ? t('check.known') : r.allowlisted ? t('check.allowlisted', { list: r.allowlisted }) : t('check.unknown')}>
                {r.known ? t('check.knownBody', { reports: r.reports ?? 0, organisations: r.organisations ?? 0 }) : r.allowlisted ? t('check.allowlistedBody') : t('check.unknownBody')}
              </Alert>
              {r.known && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <div>
                    <Text size="sm" c="dimmed">{t('indicator.kind')}</Text>
                    <Text>{t(`kinds.${r.kind}`, r.kind ?? '')}</Text>
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">{t('indicator.status')}</Text>
                    <Text>{t(`status.${r.status}`, r.status ?? '')}</Text>
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">{t('indicator.typologies')}</Text>
                    <Typologies names={r.typologies ?? []} />
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">{t('indicator.countries')}</Text>
                    <Countries codes={r.countries ?? []} />
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">{t('indicator.seen')}</Text>
                    <Text>
                      {date(r.firstSeen)} – {date(r.lastSeen)}
                    </Text>
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">{t('indicator.reports')}</Text>
                    <Text>{number(r.reports ?? 0)}</Text>
                  </div>
                </SimpleGrid>
              )}
              {r.known && r.kind && r.canonical && mayDo(user, 'readReports') && (
                <Anchor component={Link} to={indicatorPath(r.kind, r.canonical)} data-testid="indicator-link">
                  {t('check.openIndicator')}
                </Anchor>
              )}
            </Stack>
          )}
        </Card>
      )}
    </Stack>
  );
}
