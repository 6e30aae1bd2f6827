import { Badge, Group, Text, TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../lib/api';
import type { Detected } from '../lib/types';

/**
 * Asks the node which kind a value is, as the person types: the same parsers as the check and the
 * reports decide, so the form never disagrees with what will be stored.
 */
export function useDetect(value: string, options: { country?: string; kind?: string; publicApi?: boolean } = {}) {
  const [debounced] = useDebouncedValue(value.trim(), 250);
  const path = options.publicApi ? '/api/v1/public/kinds/detect' : '/api/v1/kinds/detect';
  return useQuery({
    queryKey: ['detect', path, debounced, options.country, options.kind],
    queryFn: () => get<Detected>(path + query({ value: debounced, country: options.country, kind: options.kind })),
    enabled: debounced.length > 0,
    staleTime: Infinity,
  });
}

export function DetectedKind({ detected, pending }: { detected?: Detected; pending: boolean }) {
  const { t } = useTranslation();
  if (pending) return <Text size="xs" c="dimmed">{t('check.detecting')}</Text>;
  if (!detected) return null;
  if (detected.error || !detected.kind) {
    return (
      <Text size="xs" c="red.9" data-testid="detect-error">
        {t('check.notRecognised')}: {detected.error?.message}
      </Text>
    );
  }
  return (
    <Group gap={6} data-testid="detected">
      <Badge size="sm" variant="light" c="blue.9" data-testid="detected-kind">
        {t(`kinds.${detected.kind}`, detected.kind)}
      </Badge>
      <Text size="xs" ff="monospace">
        {detected.display ?? detected.canonical}
      </Text>
    </Group>
  );
}

/** A text field with the detected kind under it. */
export function KindField({ value, onValue, country, kind, publicApi, ...props }: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onValue: (v: string) => void; country?: string; kind?: string; publicApi?: boolean }) {
  const detect = useDetect(value, { country, kind, publicApi });
  return (
    <TextInput
      {...props}
      value={value}
      onChange={(e) => onValue(e.currentTarget.value)}
      description={value.trim() ? <DetectedKind detected={detect.data} pending={detect.isFetching} /> : props.description}
    />
  );
}
