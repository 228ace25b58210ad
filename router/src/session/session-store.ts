import { randomBytes } from 'node:crypto';
import type { VerifiedClaims } from '../token-verifier';

/** A logged-in person's page session, kept by the router; the browser holds only its random id (a cookie). */
export interface Session {
  id: string;
  /** The viewer claims every GraphQL request of this session forwards, as a verified bearer token's would be. */
  claims: VerifiedClaims;
  /** Sent back in every form that changes something (logout, consent answer): a cross-site form cannot know it. */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  /** The portal: the URN of the party the person chose to act for (`/portal/party`); unset until chosen. */
  party?: string;
}

export interface SessionLimits {
  /** Seconds without a request after which the session ends. */
  idleSeconds: number;
  /** Seconds after login after which the session ends, however busy. */
  maxSeconds: number;
}

export interface SessionStore {
  create(claims: VerifiedClaims): Session;
  /** The live session with this id, its idle clock restarted; null when unknown, ended or expired (then forgotten). */
  get(id: string): Session | null;
  delete(id: string): void;
  readonly size: number;
}

const randomId = () => randomBytes(32).toString('base64url');

/** The least time between two sweeps of expired sessions. */
export const SWEEP_EVERY_MS = 60_000;

/**
 * Page sessions in this router process's memory. A restart, or a second router process behind the load balancer,
 * does not know them: the person logs in again (the provider's own session usually makes that one redirect).
 * Expired sessions are swept as new ones are made, at most once per `SWEEP_EVERY_MS` (a sweep reads every session:
 * on each login it would cost a busy morning's logins one pass over all live sessions each), so the map holds at
 * most the sessions of the last `maxSeconds` and one sweep interval.
 */
export function createSessionStore(limits: SessionLimits, now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, Session>();
  let sweptAt = now();
  const expired = (s: Session, t: number) => t - s.lastSeenAt > limits.idleSeconds * 1000 || t - s.createdAt > limits.maxSeconds * 1000;
  return {
    create(claims) {
      const t = now();
      if (t - sweptAt >= SWEEP_EVERY_MS) {
        sweptAt = t;
        for (const [id, s] of sessions) if (expired(s, t)) sessions.delete(id);
      }
      const session: Session = { id: randomId(), claims, csrf: randomId(), createdAt: t, lastSeenAt: t };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      const session = sessions.get(id);
      if (!session) return null;
      const t = now();
      if (expired(session, t)) {
        sessions.delete(id);
        return null;
      }
      session.lastSeenAt = t;
      return session;
    },
    delete(id) {
      sessions.delete(id);
    },
    get size() {
      return sessions.size;
    },
  };
}
