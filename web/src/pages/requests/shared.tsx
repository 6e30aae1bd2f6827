import { Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import { dateTime } from '../../lib/format';
import type { Clocks, KindsAnswer, Org } from './types';

/** What a form needs about every kind: contents, requirements, legal bases. Changes only with the node. */
export function useKinds() {
  return useQuery({ queryKey: ['request-kinds'], queryFn: () => get<KindsAnswer>('/api/v1/requests/kinds'), staleTime: Infinity });
}

export function useOrgs() {
  return useQuery({ queryKey: ['orgs'], queryFn: () => get<{ items: Org[] }>('/api/v1/orgs'), staleTime: 60_000 });
}

/** States and fields are API identifiers; people read them with spaces. */
export const humanise = (id: string) => id.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** A response time as people read it: minutes, hours, then days. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** The deadline that matters now: acknowledging until acknowledged, then acting. */
export function nextDue(c: Clocks): string | null {
  if (c.closedAt) return null;
  if (!c.acknowledgedAt) return c.acknowledgeBy;
  if (!c.actedAt) return c.actBy;
  return c.expiry ? c.expiresAt : c.followUpBy;
}

export function StateBadge({ state, overdue }: { state: string; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge variant="light" color="blue" c="blue.9" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }} data-testid="request-state">
        {humanise(state)}
      </Badge>
      {overdue && (
        <Badge ml={4} color="red" variant="filled" data-testid="overdue">
          {t('requests.overdue')}
        </Badge>
      )}
    </>
  );
}

/** A deadline, red when it has passed. */
export function Due({ at, overdue }: { at: string | null; overdue: boolean }) {
  return (
    <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 700 : undefined}>
      {dateTime(at)}
    </Text>
  );
}
