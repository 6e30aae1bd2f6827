import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Problem, Typologies } from '../components/bits';
import { KindField } from '../components/KindField';
import { get, query } from '../lib/api';
import type { PublicCheck as Answer } from '../lib/types';

/** The check anyone may use: only what the public check API tells, in plain words. */
export default function PublicCheck() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const check = useMutation({ mutationFn: (v: string) => get<Answer>('/api/v1/public/check' + query({ value: v })) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) check.mutate(value.trim());
  };
  const r = check.data;
  return (
    <Stack>
      <Title order={1}>{t('public.check.title')}</Title>
      <Text>{t('public.check.intro')}</Text>
      <form onSubmit={submit} role="search">
        <Stack gap="sm">
          <KindField publicApi label={t('check.label')} placeholder={t('check.placeholder')} value={value} onValue={setValue} size="md" data-testid="check-input" />
          <Group>
            <Button type="submit" size="md" loading={check.isPending} data-testid="check-submit">
              {t('check.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {check.error && <Problem error={check.error} />}
      {r && (
        <Card withBorder padding="lg" data-testid="check-result" aria-live="polite">
          {r.error ? (
            <Alert color="yellow" title={t('check.notRecognised')}>
              {r.error.message}
            </Alert>
          ) : r.known ? (
            <Stack>
              <Alert color="red" variant="filled" title={t('public.check.knownTitle')} data-testid="check-verdict">
                {t('public.check.knownBody', { count: r.reports })}
              </Alert>
              {r.typologies.length > 0 && (
                <div>
                  <Text fw={600}>{t('public.check.seenIn')}</Text>
                  <Typologies names={r.typologies} />
                </div>
              )}
              <Text fw={600}>{t('public.check.adviceTitle')}</Text>
              <List spacing="xs">
                <List.Item>{t('public.check.adviceStop')}</List.Item>
                <List.Item>{t('public.check.adviceBank')}</List.Item>
                <List.Item>{t('public.check.adviceReport')}</List.Item>
              </List>
              <Anchor component={Link} to="/report">
                {t('public.check.reportLink')}
              </Anchor>
              <Anchor component={Link} to={`/dispute?value=${encodeURIComponent(value.trim())}`} data-testid="dispute-link">
                {t('public.check.disputeLink')}
              </Anchor>
            </Stack>
          ) : (
            <Stack>
              <Alert color="blue" title={t('public.check.unknownTitle')} data-testid="check-verdict">
                {t('public.check.unknownBody')}
              </Alert>
              <Text size="sm">{t('public.check.unknownAdvice')}</Text>
            </Stack>
          )}
        </Card>
      )}
      <Card withBorder>
        <Text fw={600}>{t('public.check.signsTitle')}</Text>
        <List size="sm" spacing={4} mt="xs">
          <List.Item>{t('public.check.sign1')}</List.Item>
          <List.Item>{t('public.check.sign2')}</List.Item>
          <List.Item>{t('public.check.sign3')}</List.Item>
        </List>
      </Card>
    </Stack>
  );
}
