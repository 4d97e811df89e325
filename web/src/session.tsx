import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api } from './api';
import { clearAllDrafts } from './apply/draft';

export interface Me {
  id: number;
  username: string;
  fullName: string;
  role: string;
  roleName: string;
  agencyCode: string | null;
  unitCode: string | null;
  /** Works for the whole province: only then are the catalogue, calendar and processes editable. */
  provinceWide: boolean;
  /** What VNeID verified, for a citizen who signed in through it. */
  verified: {
    idNumber: string;
    birthDate: string | null;
    /** The organisation VNeID says this person represents at law. */
    organisation: { taxCode: string; name: string } | null;
  } | null;
}

interface Session {
  me: Me | null;
  ready: boolean;
  /** The password step: signed in, or a second factor to give (TOTP) with the challenge to give it for. */
  login(username: string, password: string): Promise<Me | SecondFactorNeeded>;
  /** After a login finished elsewhere (the second factor): reads who is signed in. */
  refresh(): Promise<Me>;
  /**
   * Ends the session. A session opened through VNeID ends there too: the browser leaves for the provider's
   * logout page (true), and the caller must not navigate elsewhere.
   */
  logout(): Promise<boolean>;
}

export interface SecondFactorNeeded {
  kind: 'second_factor';
  challenge: string;
  method: 'totp' | 'totp_enrolment';
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in user, read from the HttpOnly session cookie through /api/auth/me. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    api<Me>('/api/auth/me')
      .then(setMe)
      .catch((error) => {
        if (!(error instanceof ApiError)) throw error;
      })
      .finally(() => setReady(true));
  }, []);
  const refresh = useCallback(async () => {
    const user = await api<Me>('/api/auth/me');
    setMe(user);
    return user;
  }, []);
  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api<{ kind: 'session' } | SecondFactorNeeded>('/api/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      if (answer.kind === 'second_factor') return answer;
      return refresh();
    },
    [refresh],
  );
  const logout = useCallback(async () => {
    let answer: { endSessionUrl: string } | undefined;
    try {
      answer = await api<{ endSessionUrl: string } | undefined>('/api/auth/logout', { method: 'POST' });
    } finally {
      clearAllDrafts();
      setMe(null);
    }
    if (!answer?.endSessionUrl) return false;
    window.location.assign(answer.endSessionUrl);
    return true;
  }, []);
  return (
    <SessionContext.Provider value={{ me, ready, login, logout, refresh }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export const OFFICER_ROLES = ['receiver', 'processor', 'unit_head', 'agency_head', 'clerk', 'postal'];
/** Who works feedback: the controllers for the province, the agencies' officers for what is assigned to them. */
export const FEEDBACK_OFFICERS = ['controller', 'receiver', 'processor', 'unit_head', 'agency_head', 'clerk'];
/** Who reads rating totals (controllers, agency and unit heads) or types in paper forms (the front desk). */
export const RATINGS_OFFICERS = ['controller', 'agency_head', 'unit_head', 'receiver', 'postal'];
export const isOfficer = (me: Me | null) => me !== null && OFFICER_ROLES.includes(me.role);
export const ADMIN_ROLES = ['controller', 'admin'];
/** Administers what applies province-wide (the catalogue, processes, calendar): the province's controllers and administrators. */
export const isController = (me: Me | null) => me?.provinceWide && ADMIN_ROLES.includes(me.role);
