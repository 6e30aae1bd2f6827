import { Alert, Anchor, Button, Card, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, get, isMissingEndpoint } from '../lib/api';
import { useAuth } from '../lib/auth';

export default function SignIn() {
  const { t } = useTranslation();
  const { user, signIn, signInWithKey } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  // Single sign-on that failed comes back here with its problem code.
  const ssoFailure = params.get('sso');
  const [error, setError] = useState<string | null>(ssoFailure ? t(ssoFailure === 'sso-unknown-user' ? 'auth.ssoUnknownUser' : 'auth.ssoFailed') : null);
  const [noPasswords, setNoPasswords] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState(false);

  useEffect(() => {
    // Older nodes lack the options endpoint: they offer no single sign-on.
    get<{ sso: boolean }>('/api/v1/auth/options').then((o) => setSso(o.sso), () => setSso(false));
  }, []);

  if (user) return <Navigate to={next} replace />;

  const attempt = (work: () => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await work();
      navigate(next, { replace: true });
    } catch (err) {
      // A node without password sign-in does not know the login route (404, or 401 asking for a key).
      if (isMissingEndpoint(err) || (err instanceof ApiError && err.code === 'auth-required')) setNoPasswords(true);
      else setError(err instanceof ApiError && err.status === 401 ? t('auth.wrong') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder maw={440} mx="auto" mt="lg" padding="lg">
      <Stack>
        <Title order={1} size="h2">
          {t('auth.title')}
        </Title>
        {sso && (
          <>
            <Button component="a" href={`/api/v1/auth/oidc/login?next=${encodeURIComponent(next)}`} data-testid="sso">
              {t('auth.sso')}
            </Button>
            <Divider label={t('auth.orPassword')} labelPosition="center" />
          </>
        )}
        <form onSubmit={attempt(() => signIn(email, password))}>
          <Stack>
            <TextInput label={t('auth.email')} data-testid="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <PasswordInput label={t('auth.password')} data-testid="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
        {error && (
          <Alert color="red" role="alert" title={t('auth.failed')}>
            {error}
          </Alert>
        )}
        {noPasswords && (
          <Alert color="yellow" role="status">
            {t('auth.noPasswords')}
          </Alert>
        )}
        <Divider label={t('auth.orKey')} labelPosition="center" />
        <form onSubmit={attempt(() => signInWithKey(key))}>
          <Stack>
            <PasswordInput label={t('auth.apiKey')} data-testid="api-key" description={t('auth.apiKeyHelp')} value={key} onChange={(e) => setKey(e.currentTarget.value)} autoComplete="off" />
            <Button type="submit" variant="default" loading={busy} disabled={!key.trim()}>
              {t('auth.signInKey')}
            </Button>
          </Stack>
        </form>
        <Text size="sm">
          {t('auth.publicHint')}{' '}
          <Anchor component={Link} to="/check">
            {t('public.nav.check')}
          </Anchor>{' '}
          ·{' '}
          <Anchor component={Link} to="/report">
            {t('public.nav.report')}
          </Anchor>
        </Text>
      </Stack>
    </Card>
  );
}
