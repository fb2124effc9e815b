// A pool task that answers the niceness its own thread runs at (Linux: field 19 of /proc/thread-self/stat).
import { readFileSync } from "node:fs";

export default function niceness() {
  return Number(readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ")[16]);
}
