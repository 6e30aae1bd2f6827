import { Alert, Code, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Altcha } from '../components/Altcha';
import { Problem } from '../components/bits';
import { ReportForm } from '../components/ReportForm';
import { post } from '../lib/api';

interface Receipt {
  id: string;
  status: 'pending';
  evidence: { name: string; size: number; sha256: string }[];
}

/** Anyone may report a scam here; it waits for an intake officer before it counts anywhere. */
export default function PublicReport() {
  const { t } = useTranslation();
  const [altcha, setAltcha] = useState<string | null>(null);
  const [contact, setContact] = useState('');
  const onPayload = useCallback((p: string | null) => setAltcha(p), []);
  const submit = useMutation({ mutationFn: (body: unknown) => post<Receipt>('/api/v1/public/reports', body) });

  if (submit.data) {
    return (
      <Stack>
        <Title order={1}>{t('public.report.thanksTitle')}</Title>
        <Alert color="green" role="status" data-testid="report-receipt" title={t('public.report.received')}>
          {t('public.report.reference')}: <Code>{submit.data.id}</Code>
        </Alert>
        <Text>{t('public.report.next')}</Text>
        {submit.data.evidence.map((f) => (
          <Text key={f.sha256} size="sm">
            {f.name} — {f.size} B — SHA-256 <Code>{f.sha256.slice(0, 16)}…</Code>
          </Text>
        ))}
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={1}>{t('public.report.title')}</Title>
      <Text>{t('public.report.intro')}</Text>
      <Alert color="blue" role="note">
        {t('public.report.urgent')}
      </Alert>
      {submit.error && <Problem error={submit.error} />}
      <ReportForm
        publicForm
        busy={submit.isPending}
        canSubmit={Boolean(altcha)}
        onSubmit={(draft, files) => submit.mutate({ ...draft, contact: contact.trim() || undefined, evidence: files, altcha })}
        extra={
          <>
            <Textarea label={t('public.report.contact')} description={t('public.report.contactHelp')} value={contact} onChange={(e) => setContact(e.currentTarget.value)} autosize minRows={1} />
            <Text size="sm">{t('public.report.challenge')}</Text>
            <Altcha onPayload={onPayload} />
          </>
        }
      />
    </Stack>
  );
}
