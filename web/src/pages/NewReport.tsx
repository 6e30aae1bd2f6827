import { Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Problem } from '../components/bits';
import { type EvidenceFile, type ReportDraft, ReportForm } from '../components/ReportForm';
import { post } from '../lib/api';
import type { Report } from '../lib/types';

/** The intake officer's form: the report is made, then its evidence attached to it. */
export default function NewReport() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: async ({ draft, files }: { draft: ReportDraft; files: EvidenceFile[] }) => {
      const report = await post<Report>('/api/v1/reports', draft);
      if (files.length > 0) await post(`/api/v1/reports/${report.id}/evidence`, { files });
      return report;
    },
    onSuccess: async (report) => {
      await client.invalidateQueries({ queryKey: ['reports'] });
      navigate(`/reports/${report.id}`);
    },
  });
  return (
    <Stack maw={900}>
      <Title order={1}>{t('report.newTitle')}</Title>
      <Text>{t('report.newIntro')}</Text>
      {create.error && <Problem error={create.error} />}
      <ReportForm busy={create.isPending} onSubmit={(draft, files) => create.mutate({ draft, files })} />
    </Stack>
  );
}
