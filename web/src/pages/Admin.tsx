import { Alert, Button, Card, Code, Group, NativeSelect, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, Problem } from '../components/bits';
import { ItemsTable, rowsOf } from '../components/ItemsTable';
import { api, get, post } from '../lib/api';
import { mayDo, useAuth } from '../lib/auth';
import type { Org } from '../lib/types';

const ROLES = ['admin', 'analyst', 'intake', 'viewer', 'machine'] as const;

/** One administration list; an endpoint the node does not have yet is shown as such, not as an error. */
function Listing({ path, columns, testId, feature }: { path: string; columns?: string[]; testId: string; feature: string }) {
  const answer = useQuery({ queryKey: ['admin', path], queryFn: () => get<unknown>(path), retry: false });
  if (answer.isPending) return <Loading />;
  if (answer.error) return <Problem error={answer.error} feature={feature} />;
  return <ItemsTable rows={rowsOf(answer.data)} columns={columns} testId={testId} />;
}

function Keys({ orgs }: { orgs: Org[] }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const [orgId, setOrgId] = useState(user?.orgId ?? '');
  const [role, setRole] = useState<string>('machine');
  const [name, setName] = useState('');
  const path = `/api/v1/orgs/${encodeURIComponent(orgId)}/keys`;
  const keys = useQuery({ queryKey: ['admin', path], queryFn: () => get<unknown>(path), enabled: Boolean(orgId) });
  const create = useMutation({ mutationFn: () => post<{ key: string }>(path, { role, name }), onSuccess: () => client.invalidateQueries({ queryKey: ['admin', path] }) });
  const revoke = useMutation({ mutationFn: (id: string) => api('DELETE', `/api/v1/keys/${encodeURIComponent(id)}`), onSuccess: () => client.invalidateQueries({ queryKey: ['admin', path] }) });
  const rows = rowsOf(keys.data);
  return (
    <Stack>
      <NativeSelect label={t('admin.organisation')} value={orgId} onChange={(e) => setOrgId(e.currentTarget.value)} data={orgs.map((o) => ({ value: o.id, label: o.name }))} />
      {keys.isPending ? <Loading /> : keys.error ? <Problem error={keys.error} /> : <ItemsTable rows={rows} columns={['name', 'role', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt']} testId="keys-table" />}
      <Group gap="xs">
        {rows
          .filter((k) => !k.revokedAt)
          .map((k) => (
            <Button key={String(k.id)} size="xs" variant="light" color="red" onClick={() => revoke.mutate(String(k.id))}>
              {t('admin.revoke', { name: String(k.name || k.prefix) })}
            </Button>
          ))}
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('admin.keyName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect label={t('admin.role')} value={role} onChange={(e) => setRole(e.currentTarget.value)} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          <Button type="submit" loading={create.isPending}>
            {t('admin.newKey')}
          </Button>
        </Group>
      </form>
      {create.data && (
        <Alert color="green" title={t('admin.keyOnce')}>
          <Code block>{create.data.key}</Code>
        </Alert>
      )}
      {(create.error || revoke.error) && <Problem error={create.error ?? revoke.error} />}
    </Stack>
  );
}

export default function Admin() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const orgs = useQuery({ queryKey: ['admin', 'orgs'], queryFn: async () => (await get<{ items: Org[] }>('/api/v1/orgs')).items });
  const admin = mayDo(user, 'admin');
  return (
    <Stack>
      <Title order={1}>{t('admin.title')}</Title>
      {!admin && <Alert color="blue">{t('admin.readOnly')}</Alert>}
      <Tabs defaultValue="orgs" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="orgs">{t('admin.orgs')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('admin.users')}</Tabs.Tab>
          {admin && <Tabs.Tab value="keys">{t('admin.keys')}</Tabs.Tab>}
          <Tabs.Tab value="groups">{t('admin.groups')}</Tabs.Tab>
          {admin && <Tabs.Tab value="audit">{t('admin.audit')}</Tabs.Tab>}
        </Tabs.List>
        <Card withBorder mt="sm">
          <Tabs.Panel value="orgs">
            {orgs.isPending ? <Loading /> : orgs.error ? <Problem error={orgs.error} /> : <ItemsTable rows={orgs.data as unknown as Record<string, unknown>[]} columns={['name', 'country', 'sector', 'createdAt']} testId="orgs-table" />}
          </Tabs.Panel>
          <Tabs.Panel value="users">
            <Listing path="/api/v1/users" columns={['email', 'name', 'role', 'locked', 'disabled', 'lastLoginAt']} testId="users-table" feature={t('admin.users')} />
          </Tabs.Panel>
          {admin && <Tabs.Panel value="keys">{orgs.data ? <Keys orgs={orgs.data} /> : <Loading />}</Tabs.Panel>}
          <Tabs.Panel value="groups">
            <Listing path="/api/v1/sharing-groups" testId="groups-table" feature={t('admin.groups')} />
          </Tabs.Panel>
          {admin && (
            <Tabs.Panel value="audit">
              <Text size="sm" mb="xs">{t('admin.auditHelp')}</Text>
              <Listing path="/api/v1/audit?limit=100" columns={['seq', 'at', 'action', 'actorId', 'target', 'details']} testId="audit-table" feature={t('admin.audit')} />
            </Tabs.Panel>
          )}
        </Card>
      </Tabs>
    </Stack>
  );
}
