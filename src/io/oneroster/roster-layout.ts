/**
 * Where things sit in a roster directory: the OneRoster files in a folder of their own, so that
 * it can be zipped as it is and match its manifest, and our own files beside it.
 *
 *   <roster>/oneroster/manifest.csv, orgs.csv, ...   OneRoster 1.2.1 bulk CSV
 *   <roster>/oneroster.zip                           the same files at the archive's root (--zip)
 *   <roster>/unscheduled.csv                         unmet primary requests (not OneRoster)
 *   <roster>/report.json                             the run report (not OneRoster)
 */
export const ONEROSTER_DIR = "oneroster";
export const ONEROSTER_ZIP = "oneroster.zip";
export const UNSCHEDULED_FILE = "unscheduled.csv";
export const REPORT_FILE = "report.json";
