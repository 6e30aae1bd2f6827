import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, credentials, get, isMissingEndpoint, post, SIGNED_OUT } from './api';
import type { User } from './types';

interface SessionAnswer {
  user: User;
  csrfToken: string;
}

interface MeAnswer {
  orgId: string;
  role: User['role'];
  keyId: string;
  org: { name: string } | null;
}

interface Auth {
  user: User | null;
  loading: boolean;
  /** 'session' after a password sign-in, 'key' after an API-key sign-in. */
  mode: 'session' | 'key' | null;
  signIn(email: string, password: string): Promise<void>;
  signInWithKey(key: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

async function userFromKey(): Promise<User> {
  const me = await get<MeAnswer>('/api/v1/me');
  return { id: me.keyId, email: '', name: me.org?.name ?? me.orgId, role: me.role, orgId: me.orgId, orgName: me.org?.name ?? me.orgId };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [mode, setMode] = useState<Auth['mode']>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        if (credentials.apiKey()) {
          const u = await userFromKey();
          if (!cancelled) {
            setUser(u);
            setMode('key');
          }
          return;
        }
        const session = await get<SessionAnswer>('/api/v1/auth/session');
        credentials.setCsrf(session.csrfToken);
        if (!cancelled) {
          setUser(session.user);
          setMode('session');
        }
      } catch (err) {
        // 401: not signed in; a missing endpoint: this node has no password sign-in yet.
        if (credentials.apiKey() && err instanceof ApiError && err.status === 401) credentials.setApiKey(null);
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const lost = () => {
      credentials.setApiKey(null);
      credentials.setCsrf(null);
      setUser(null);
      setMode(null);
    };
    window.addEventListener(SIGNED_OUT, lost);
    return () => window.removeEventListener(SIGNED_OUT, lost);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    credentials.setApiKey(null);
    const session = await post<SessionAnswer>('/api/v1/auth/login', { email, password });
    credentials.setCsrf(session.csrfToken);
    setUser(session.user);
    setMode('session');
  }, []);

  const signInWithKey = useCallback(async (key: string) => {
    credentials.setApiKey(key.trim());
    try {
      setUser(await userFromKey());
      setMode('key');
    } catch (err) {
      credentials.setApiKey(null);
      throw err;
    }
  }, []);

  const signOut = useCallback(async () => {
    if (mode === 'session') {
      await post('/api/v1/auth/logout').catch((err) => {
        if (!isMissingEndpoint(err)) throw err;
      });
    }
    credentials.setApiKey(null);
    credentials.setCsrf(null);
    setUser(null);
    setMode(null);
  }, [mode]);

  const value = useMemo(() => ({ user, loading, mode, signIn, signInWithKey, signOut }), [user, loading, mode, signIn, signInWithKey, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Mirrors the node's policy table for what the screens offer; the node still decides every request. */
export function mayDo(user: User | null, action: 'sighting' | 'status' | 'report' | 'intake' | 'admin' | 'readReports'): boolean {
  if (!user) return false;
  const grants: Record<typeof action, User['role'][]> = {
    sighting: ['admin', 'analyst'],
    status: ['admin', 'analyst'],
    report: ['admin', 'analyst', 'intake'],
    intake: ['admin', 'analyst', 'intake'],
    admin: ['admin'],
    readReports: ['admin', 'analyst', 'intake', 'viewer'],
  };
  return grants[action].includes(user.role);
}
