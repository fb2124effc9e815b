import { InvalidArgumentError, type Command } from "commander";
import type { CourseRequest } from "../../domain/problem.ts";
import { dropStudent } from "../../enroll/drop-student.ts";
import { enrollStudent } from "../../enroll/enroll-student.ts";
import { runIncremental } from "../../enroll/run-incremental.ts";
import type { Store } from "../../store/index.ts";
import { DB_HELP } from "../db-help.ts";
import { withStore } from "../with-store.ts";
import type { Quality } from "../../../solver/solve-options.ts";
import { oneOf, parseNonNegativeInt } from "../option-parsers.ts";

/** Parses `--request COURSE[=PRIORITY]` (priority 1 when omitted) into a request of the student. */
export function parseRequestSpec(schoolId: string, studentId: string, spec: string): CourseRequest {
  const at = spec.lastIndexOf("=");
  const courseId = (at < 0 ? spec : spec.slice(0, at)).trim();
  const priority = at < 0 ? 1 : Number(spec.slice(at + 1));
  if (!courseId || !Number.isInteger(priority) || priority < 1) {
    throw new InvalidArgumentError(`expected COURSE or COURSE=PRIORITY (priority 1 or more), got "${spec}"`);
  }
  return { schoolId, studentId, courseId, priority };
}

/** Opens the store named by --db, which must exist (a late change to a store never made is a mistake), runs `work`, closes it. */
function withExistingStore<T>(db: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  return withStore(db, work, { mustExist: true });
}

const collect = (value: string, all: string[]) => [...all, value];

/** `mse enroll`: late changes to one school of the store, and an incremental run that moves nobody already placed. */
export function registerEnroll(program: Command): void {
  const enroll = program
    .command("enroll")
    .description("late enrollments: add or drop a student, then re-run a school without moving anyone already placed");

  enroll
    .command("add")
    .description(
      "add (or update) a student and their course requests in the store; seats them at the next `mse enroll run`",
    )
    .requiredOption("--school <id>", "the school")
    .requiredOption("--student <id>", "the student's id")
    .requiredOption("--grade <n>", "grade (-1 = TK, 0 = K)", (v: string) => Number.parseInt(v, 10))
    .option(
      "--request <course[=priority]>",
      "a requested course, priority 1 unless given (repeatable)",
      collect,
      [] as string[],
    )
    .option("--iep", "the student has an IEP", false)
    .option("--given-name <name>")
    .option("--family-name <name>")
    .option("--team <id>", "the student's team (house, small learning community): one the school has")
    .option("--db <url>", DB_HELP)
    .action(
      async (opts: {
        school: string;
        student: string;
        grade: number;
        request: string[];
        iep: boolean;
        givenName?: string;
        familyName?: string;
        team?: string;
        db?: string;
      }) => {
        if (!Number.isInteger(opts.grade)) throw new InvalidArgumentError("--grade must be an integer");
        const requests = opts.request.map((spec) => parseRequestSpec(opts.school, opts.student, spec));
        const student = {
          schoolId: opts.school,
          studentId: opts.student,
          grade: opts.grade,
          iep: opts.iep,
          givenName: opts.givenName,
          familyName: opts.familyName,
          teamId: opts.team,
        };
        const version = await withExistingStore(opts.db, (store) =>
          enrollStudent(store, opts.school, student, requests),
        );
        console.log(
          `enrolled ${opts.student} in ${opts.school} with ${requests.length} request(s) (problem version ${version}); run \`mse enroll run --school ${opts.school}\` to seat them`,
        );
      },
    );

  enroll
    .command("drop")
    .description("remove a student who left; their seats are freed at the next `mse enroll run`")
    .requiredOption("--school <id>", "the school")
    .requiredOption("--student <id>", "the student's id")
    .option("--db <url>", DB_HELP)
    .action(async (opts: { school: string; student: string; db?: string }) => {
      const version = await withExistingStore(opts.db, (store) => dropStudent(store, opts.school, opts.student));
      console.log(
        `dropped ${opts.student} from ${opts.school} (problem version ${version}); run \`mse enroll run --school ${opts.school}\` to free their seats`,
      );
    });

  enroll
    .command("run")
    .description(
      "re-run a school from its live roster: keeps every seat that still fits, places new and changed requests, publishes",
    )
    .requiredOption("--school <id>", "the school")
    .option("--seed <n>", "random seed", parseNonNegativeInt, 1)
    .option("--quality <q>", "quick or full", oneOf<Quality>(["quick", "full"]), "quick" as Quality)
    .option(
      "--allow-moves <n>",
      "at most this many placed students may change seats to meet more primary requests",
      parseNonNegativeInt,
      0,
    )
    .option("--no-publish", "save the run without making it live")
    .option("--db <url>", DB_HELP)
    .action(
      async (opts: {
        school: string;
        seed: number;
        quality: Quality;
        allowMoves: number;
        publish: boolean;
        db?: string;
      }) => {
        const outcome = await withExistingStore(opts.db, (store) =>
          runIncremental(store, opts.school, {
            seed: opts.seed,
            quality: opts.quality,
            allowMoves: opts.allowMoves,
            publish: opts.publish,
          }),
        );
        console.log(
          `run ${outcome.runId} of ${opts.school} (from live run ${outcome.fromRunId}): ${outcome.placedNew} new seat(s), ${outcome.moved.length} student(s) moved`,
        );
        for (const m of outcome.moved)
          console.log(`  moved ${m.studentId}: ${m.from.join(" ")} -> ${m.to.join(" ")} (${m.reason})`);
        if (outcome.displaced.length)
          console.log(`${outcome.displaced.length} student(s) lost a seat that no longer fits the school's problem:`);
        for (const d of outcome.displaced)
          console.log(`  ${d.studentId}: ${d.from.join(" ")} -> ${d.to.join(" ")} (${d.reason})`);
        console.log(outcome.published ? `published run ${outcome.runId}` : `saved run ${outcome.runId}, not published`);
      },
    );
}
