import { Alert, Badge, Center, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, isMissingEndpoint } from '../lib/api';
import { countryName } from '../lib/format';

/** Score colours: the badge text stays dark enough on its light background for WCAG AA. */
export function ScoreBadge({ score }: { score: number }) {
  const { t } = useTranslation();
  const color = score >= 70 ? 'red' : score >= 40 ? 'orange' : score > 0 ? 'yellow' : 'gray';
  return (
    <Badge color={color} variant="light" size="lg" c={`${color}.9`} data-testid="score">
      {t('indicator.score')} {score}
    </Badge>
  );
}

export function Countries({ codes }: { codes: string[] }) {
  if (codes.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {codes.map((c) => (
        <Badge key={c} variant="outline" color="gray" c="dark.6" title={countryName(c)}>
          {c}
        </Badge>
      ))}
    </Group>
  );
}

export function Typologies({ names }: { names: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {names.map((n) => (
        <Badge key={n} variant="light" color="grape" c="grape.9">
          {t(`typology.${n}`, n)}
        </Badge>
      ))}
    </Group>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center h={160}>
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** An error as people read it; an endpoint this node does not have yet says so plainly. */
export function Problem({ error, feature }: { error: unknown; feature?: string }) {
  const { t } = useTranslation();
  if (isMissingEndpoint(error)) {
    return (
      <Alert color="yellow" role="status" title={t('common.notYet')} data-testid="not-available">
        {t('common.notYetBody', { feature: feature ?? '' })}
      </Alert>
    );
  }
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" role="alert" title={t('common.error')}>
      {message}
    </Alert>
  );
}
