/**
 * Who is calling and what they may see. A token names a role: a counselor sees and runs only
 * the schools of their token, district operations every school, QA reads figures and runs
 * benchmarks but never sees student data.
 */
import { findApiToken, findWebSession, type ApiRole, type ApiTokenRecord, type Store } from "../store/index.ts";
import { ApiError } from "./errors.ts";

export interface Caller {
  tokenId: number;
  name: string;
  role: ApiRole;
  /** A counselor's schools; empty for the other roles, who see every school. */
  schools: readonly string[];
}

/** The caller of a request from its Authorization header; 401 without a valid, unrevoked token. */
export async function authenticate(store: Store, authorization: string | undefined): Promise<Caller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match)
    throw new ApiError(401, "unauthenticated", "send an API token: Authorization: Bearer <token> (mse token create)");
  return callerOf(await findApiToken(store, match[1]!));
}

/** The caller a token's record stands for; 401 when there is none or it was revoked. */
function callerOf(record: ApiTokenRecord | undefined): Caller {
  if (!record || record.revokedAt) throw new ApiError(401, "invalid_token", "the token is unknown or revoked");
  return { tokenId: record.id, name: record.name, role: record.role, schools: record.schools };
}

/** The caller of a request signed in by the workspace's session cookie; 401 when the session is over or its token revoked. */
export async function authenticateSession(store: Store, sessionId: string): Promise<Caller> {
  const record = await findWebSession(store, sessionId);
  if (record === undefined) throw new ApiError(401, "session_expired", "the session is over: sign in again");
  return callerOf(record);
}

/** True when the caller may see the school at all. */
export function canSeeSchool(caller: Caller, schoolId: string): boolean {
  return caller.role !== "counselor" || caller.schools.includes(schoolId);
}

/** 403 unless the caller may see the school. */
export function requireSchool(caller: Caller, schoolId: string): void {
  if (!canSeeSchool(caller, schoolId))
    throw new ApiError(403, "forbidden_school", `this token may not see school ${JSON.stringify(schoolId)}`);
}

/** 403 unless the caller has one of the roles. */
export function requireRole(caller: Caller, roles: readonly ApiRole[]): void {
  if (!roles.includes(caller.role)) {
    throw new ApiError(403, "forbidden_role", `a ${caller.role} token may not do this (needs ${roles.join(" or ")})`);
  }
}

/** Roles that may read and change students: everyone but QA. */
export const STUDENT_ROLES: readonly ApiRole[] = ["counselor", "district"];
/** Roles that may read figures without student data. */
export const ALL_ROLES: readonly ApiRole[] = ["counselor", "district", "qa"];
