import { ActionIcon, Button, Card, FileInput, Group, NativeSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_ROLES, CHANNELS, TYPOLOGY_NAMES } from '../../../src/modules/typologies/typologies';
import { KindField } from './KindField';

export interface IndicatorRow {
  value: string;
  role: string;
}

export interface EvidenceFile {
  name: string;
  mediaType: string;
  data: string;
}

/** The body both report endpoints take, less what each adds (the challenge, the contact). */
export interface ReportDraft {
  typology: string;
  summary: string;
  occurredAt?: string;
  country?: string;
  channel?: string;
  loss?: { amount: string; currency: string };
  indicators: { value: string; role?: string }[];
}

const MAX_FILE = 4 * 1024 * 1024;

async function readFile(file: File): Promise<EvidenceFile> {
  const data = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  return { name: file.name, mediaType: file.type || 'application/octet-stream', data };
}

/**
 * The guided report form, shared by intake officers and the public. Each indicator row shows the
 * kind the node reads from it as it is typed.
 */
export function ReportForm({
  publicForm,
  defaultCountry,
  busy,
  onSubmit,
  extra,
  canSubmit = true,
}: {
  publicForm?: boolean;
  defaultCountry?: string;
  busy: boolean;
  onSubmit: (draft: ReportDraft, files: EvidenceFile[]) => void;
  extra?: React.ReactNode;
  canSubmit?: boolean;
}) {
  const { t } = useTranslation();
  const [typology, setTypology] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [occurred, setOccurred] = useState('');
  const [country, setCountry] = useState(defaultCountry ?? '');
  const [channel, setChannel] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('');
  const [rows, setRows] = useState<IndicatorRow[]>([{ value: '', role: '' }]);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);

  const setRow = (i: number, patch: Partial<IndicatorRow>) => setRows((rs) => rs.map((r, j) => (i === j ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!typology) return;
    const tooBig = files.find((f) => f.size > MAX_FILE);
    if (tooBig) {
      setFileError(t('report.fileTooBig', { name: tooBig.name }));
      return;
    }
    const draft: ReportDraft = {
      typology,
      summary: summary.trim(),
      occurredAt: occurred ? new Date(occurred + 'T12:00:00Z').toISOString() : undefined,
      country: country.trim() ? country.trim().toUpperCase() : undefined,
      channel: channel || undefined,
      loss: amount.trim() && currency.trim() ? { amount: amount.trim(), currency: currency.trim().toUpperCase() } : undefined,
      indicators: rows.filter((r) => r.value.trim()).map((r) => ({ value: r.value.trim(), role: r.role || undefined })),
    };
    onSubmit(draft, await Promise.all(files.map(readFile)));
  };

  return (
    <form onSubmit={submit} aria-label={t('report.formLabel')}>
      <Stack>
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">
              1. {t('report.whatHappened')}
            </Title>
            <Select
              label={t('report.typology')}
              required
              searchable
              value={typology}
              onChange={setTypology}
              data={TYPOLOGY_NAMES.map((n) => ({ value: n, label: t(`typology.${n}`) }))}
              data-testid="typology"
            />
            <Textarea label={t('report.summary')} description={publicForm ? t('report.summaryHelpPublic') : undefined} required={publicForm} autosize minRows={3} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} data-testid="summary" />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('report.when')} type="date" value={occurred} onChange={(e) => setOccurred(e.currentTarget.value)} data-testid="occurred" />
              <TextInput label={t('report.country')} description={t('report.countryHelp')} maxLength={2} value={country} onChange={(e) => setCountry(e.currentTarget.value)} data-testid="country" />
              <NativeSelect label={t('report.channel')} value={channel} onChange={(e) => setChannel(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))]} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 2, sm: 3 }}>
              <TextInput label={t('report.loss')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} placeholder="25000.00" data-testid="loss-amount" />
              <TextInput label={t('report.currency')} maxLength={3} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} placeholder="THB" data-testid="loss-currency" />
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">
              2. {t('report.indicators')}
            </Title>
            <Text size="sm">{t('report.indicatorsHelp')}</Text>
            {rows.map((row, i) => (
              <Group key={i} align="flex-start" wrap="wrap" data-testid="indicator-row">
                <KindField
                  style={{ flex: '1 1 260px' }}
                  label={t('report.indicator', { n: i + 1 })}
                  placeholder={t('check.placeholder')}
                  value={row.value}
                  onValue={(v) => setRow(i, { value: v })}
                  country={country.trim().length === 2 ? country.trim().toUpperCase() : undefined}
                  publicApi={publicForm}
                  data-testid={`indicator-${i}`}
                />
                <NativeSelect
                  style={{ flex: '0 1 180px' }}
                  label={t('report.role')}
                  value={row.role}
                  onChange={(e) => setRow(i, { role: e.currentTarget.value })}
                  data={[{ value: '', label: '—' }, ...INDICATOR_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
                />
                <ActionIcon variant="subtle" color="red" mt={28} aria-label={t('report.remove', { n: i + 1 })} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} disabled={rows.length === 1}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="light" onClick={() => setRows((rs) => [...rs, { value: '', role: '' }])} data-testid="add-indicator">
                {t('report.addIndicator')}
              </Button>
            </Group>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">
              3. {t('report.evidence')}
            </Title>
            <FileInput multiple clearable label={t('report.files')} description={t('report.filesHelp')} value={files} onChange={(f) => setFiles(f)} error={fileError} data-testid="evidence" />
            {extra}
          </Stack>
        </Card>
        <Group>
          <Button type="submit" size="md" loading={busy} disabled={!typology || !canSubmit} data-testid="submit-report">
            {t('report.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
