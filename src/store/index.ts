/**
 * The store's public API, and its one entry: everything outside src/store uses the database
 * through these (a lint rule refuses an import of any other file of src/store from outside).
 * Open with openStore(url?) (DATABASE_URL, else the embedded SQLite file), close with closeStore.
 */
export { openStore, closeStore, durableCommits, type OpenStoreOptions } from "./open-store.ts";
export { DEFAULT_STORE_URL, resolveStoreUrl, storeKind, describeStoreUrl, type StoreKind } from "./store-url.ts";
export type { Store } from "./store.ts";
export type { Database, Queryable } from "./dialect.ts";
export { storeRefusalCode } from "./store-refusal.ts";
export { applyMigrations, listMigrations, MIGRATIONS_ROOT, MIGRATIONS_TABLE } from "./migrate.ts";
export { importProblem, type ImportSummary } from "./import-problem.ts";
export { readSchoolProblem, readSchoolProblemVersioned, listSchoolIds } from "./load-school-problem.ts";
export { startRun, DEFAULT_LEASE_MS, type RunHandle, type RunParameters, type StartRunOptions } from "./start-run.ts";
export { saveRunResult, renewLease, type RunResult, type SaveOptions } from "./save-run-result.ts";
export { publishRun, type PublishOutcome } from "./publish-run.ts";
export { failRun } from "./fail-run.ts";
export { readRunRoster, readEnrollments } from "./read-run-roster.ts";
export { readExportRoster } from "./read-export-roster.ts";
export { runChain, MAX_DELTA_DEPTH, type RunChainLink } from "./run-chain.ts";
export { upsertStudent, upsertStudents, removeStudent, studentChangesSince, type StudentRows } from "./student-rows.ts";
export {
  liveRoster,
  liveRunId,
  publicationHistory,
  staleSchools,
  type LiveRoster,
  type PublicationRecord,
} from "./live-roster.ts";
export { diffRuns, type RunDiff } from "./diff-runs.ts";
export { findSucceededRun, getRun, listRuns, type RunRecord, type RunStatus } from "./run-records.ts";
export { schoolSizes, type SchoolSize } from "./school-sizes.ts";
export {
  exportLive,
  readLiveSchools,
  liveRunsOf,
  liveSchoolsTally,
  writableLiveRoster,
  type CheckedSchool,
  type ExportOptions,
  type LiveExport,
  type LiveSchools,
  type SkippedSchool,
} from "./export-live.ts";
export { vouchForStudentIds, type StudentIdsVouched } from "./student-identity.ts";
export {
  LeaseLostError,
  MissingStoreError,
  PublishRefusedError,
  RunInProgressError,
  StoreOpenError,
  StoreUrlError,
  UnknownRunError,
  StudentInOtherSchoolError,
  UnknownSchoolError,
  UnknownStudentError,
} from "./store-errors.ts";
export {
  API_ROLES,
  TOKEN_PREFIX,
  createApiToken,
  findApiToken,
  hashToken,
  listApiTokens,
  revokeApiToken,
  type ApiRole,
  type ApiTokenRecord,
  type NewApiToken,
} from "./api-tokens.ts";
export { newHolder, holderIsGone } from "./run-holder.ts";
export { recoverCrashed, type Recovery } from "./recover-crashed.ts";
export { getApiJob, saveApiJob, INTERRUPTED, type ApiJobRecord, type ApiJobStatus } from "./api-jobs.ts";
export {
  claimIdempotentRequest,
  completeIdempotentRequest,
  pruneIdempotentRequests,
  releaseIdempotentRequest,
  type ClaimOutcome,
  type IdempotentClaim,
} from "./idempotent-requests.ts";
export {
  createOneRosterClient,
  findOneRosterToken,
  issueOneRosterToken,
  listOneRosterClients,
  revokeOneRosterClient,
  verifyOneRosterClient,
  type OneRosterClientRecord,
} from "./oneroster-clients.ts";
export { listBenchmarkRuns, saveBenchmarkRun, type BenchmarkRunRecord } from "./benchmark-runs.ts";
export {
  districtRunTallies,
  schoolOverviews,
  type DistrictRunTally,
  type SchoolOverview,
} from "./district-overview.ts";
export { openWebSession, findWebSession, endWebSession } from "./web-sessions.ts";
export { measureStoreWaits, type StoreWaits } from "./store-waits.ts";
export { liveRosterStamp, type LiveRosterStamp } from "./live-roster-stamp.ts";
export { countOpenApiJobs, pruneApiJobs } from "./api-job-limits.ts";
export {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  auditOutcome,
  listAuditEvents,
  pruneAuditEvents,
  recordAuditEvents,
  type AuditAction,
  type AuditEvent,
  type AuditOutcome,
  type AuditQuery,
  type AuditRecord,
} from "./audit-log.ts";
export {
  acquireStoreLock,
  DISTRICT_RUN_LOCK,
  readStoreLock,
  releaseStoreLock,
  renewStoreLock,
  type StoreLockHolder,
} from "./store-lock.ts";
export {
  changeScenario,
  createScenario,
  dropScenario,
  getScenario,
  listScenarios,
  markScenarioPromoted,
  restoreSections,
  scenarioHistory,
  undoScenarioEdit,
  NothingToUndoError,
  ScenarioClosedError,
  ScenarioNameTakenError,
  ScenarioVersionError,
  UnknownScenarioError,
  type NewScenario,
  type ScenarioChange,
  type ScenarioEditRecord,
  type ScenarioRecord,
  type ScenarioStatus,
  type ScenarioSummary,
} from "./scenarios.ts";
export { turnClock, type TurnClock } from "./event-loop-turns.ts";
