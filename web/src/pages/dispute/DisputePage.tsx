import { Alert, Button, Code, FileInput, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Altcha } from '../../components/Altcha';
import { Problem } from '../../components/bits';
import { post } from '../../lib/api';
import { dateTime } from '../../lib/format';

const GROUNDS = ['not-mine', 'legitimate-business', 'victim-not-perpetrator', 'coerced-holder', 'mistaken-identity', 'resolved', 'other'] as const;

interface Receipt {
  id: string;
  state: string;
  answerBy: string | null;
  token: string;
}

function readFile(file: File): Promise<{ name: string; mediaType: string; data: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, mediaType: file.type || 'application/octet-stream', data: String(reader.result).replace(/^data:[^,]*,/, '') });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Anyone whose number, account, wallet or site is listed may dispute it here; the listing organisation must answer in time. */
export default function DisputePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // Arriving from the public check, the value checked is already filled in.
  const [value, setValue] = useState(params.get('value') ?? '');
  const [grounds, setGrounds] = useState<string>(GROUNDS[0]);
  const [statement, setStatement] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [altcha, setAltcha] = useState<string | null>(null);
  const onPayload = useCallback((p: string | null) => setAltcha(p), []);
  const submit = useMutation({
    mutationFn: async () =>
      post<Receipt>('/api/v1/public/disputes', {
        indicator: { value: value.trim() },
        grounds,
        statement: statement.trim(),
        contact: { name: name.trim() || undefined, email: email.trim() || undefined, phone: phone.trim() || undefined },
        evidence: files.length > 0 ? await Promise.all(files.map(readFile)) : undefined,
        altcha,
      }),
  });

  if (submit.data) {
    return (
      <Stack>
        <Title order={1}>{t('dispute.title')}</Title>
        <Alert color="green" role="status" title={t('dispute.received')} data-testid="dispute-receipt">
          <Text>
            {t('dispute.reference')}: <Code>{submit.data.id}</Code>
          </Text>
          <Text>
            {t('dispute.answerBy')}: {dateTime(submit.data.answerBy)}
          </Text>
          <Text>
            {t('dispute.token')}: <Code data-testid="dispute-token">{submit.data.token}</Code>
          </Text>
        </Alert>
      </Stack>
    );
  }
  const ready = Boolean(altcha && value.trim() && statement.trim() && (email.trim() || phone.trim()));
  return (
    <Stack>
      <Title order={1}>{t('dispute.title')}</Title>
      <Text>{t('dispute.intro')}</Text>
      {submit.error && <Problem error={submit.error} />}
      <TextInput label={t('dispute.value')} required value={value} onChange={(e) => setValue(e.currentTarget.value)} data-testid="dispute-value" />
      <NativeSelect label={t('dispute.grounds')} data={GROUNDS.map((g) => ({ value: g, label: t(`dispute.ground.${g}`) }))} value={grounds} onChange={(e) => setGrounds(e.currentTarget.value)} data-testid="dispute-grounds" />
      <Textarea label={t('dispute.statement')} required autosize minRows={3} value={statement} onChange={(e) => setStatement(e.currentTarget.value)} data-testid="dispute-statement" />
      <TextInput label={t('dispute.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('dispute.email')} type="email" description={t('dispute.contactHelp')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-testid="dispute-email" />
        <TextInput label={t('dispute.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
      </SimpleGrid>
      <FileInput multiple clearable label={t('dispute.evidence')} value={files} onChange={setFiles} data-testid="dispute-evidence" />
      <Text size="sm">{t('dispute.challenge')}</Text>
      <Altcha onPayload={onPayload} />
      <Button onClick={() => submit.mutate()} disabled={!ready} loading={submit.isPending} data-testid="submit-dispute">
        {t('dispute.submit')}
      </Button>
    </Stack>
  );
}
