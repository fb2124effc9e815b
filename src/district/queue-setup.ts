/**
 * Where the district queues live: a Redis URL and a key prefix. Every process of one
 * installation (the CLI that enqueues, each `mse worker`) must use the same two; a test uses a
 * prefix of its own so that runs never see each other's jobs.
 */
import type { ConnectionOptions } from "bullmq";

/** The three queues: one job per school, one parent job per district run, and the nightly trigger. */
export const QUEUE_NAMES = {
  schools: "mse-schools",
  districts: "mse-districts",
  nightly: "mse-nightly",
} as const;

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
export const DEFAULT_QUEUE_PREFIX = "mse";

export interface QueueSetup {
  /** Connection options; each queue, worker and flow producer opens (and closes) its own connection. */
  connection: ConnectionOptions;
  prefix: string;
}

/** The URL to use: the one given, else REDIS_URL, else the local default. */
export function resolveRedisUrl(url?: string): string {
  return url ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
}

/** The queue setup for a Redis URL and prefix (defaults: REDIS_URL or localhost, and "mse"). */
export function queueSetup(url?: string, prefix?: string): QueueSetup {
  // BullMQ's blocking commands need ioredis to retry forever instead of failing a request.
  return {
    connection: { url: resolveRedisUrl(url), maxRetriesPerRequest: null },
    prefix: prefix ?? DEFAULT_QUEUE_PREFIX,
  };
}

/** A Redis URL fit to print: any password is masked. */
export function describeRedisUrl(url: string): string {
  return url.replace(
    /\/\/([^/@]*)@/,
    (_, credentials: string) => `//${credentials.includes(":") ? `${credentials.split(":")[0]}:***` : "***"}@`,
  );
}
