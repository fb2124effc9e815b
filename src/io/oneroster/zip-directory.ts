import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { Zip, ZipDeflate } from "fflate";

/**
 * Writes the named files of dir into a zip at zipPath, each at the root of the archive (the
 * CSV binding wants no enclosing folder), deflated (RFC 1951). Streams file by file, waiting
 * whenever the disk falls behind, so a district's enrollments cost a buffer, not their size.
 */
export async function zipDirectory(dir: string, names: readonly string[], zipPath: string): Promise<void> {
  const out = createWriteStream(zipPath);
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      out.destroy(error);
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  try {
    for (const name of names) {
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      for await (const chunk of createReadStream(join(dir, name))) {
        entry.push(chunk as Uint8Array);
        if (out.writableNeedDrain) await Promise.race([once(out, "drain"), finished]);
      }
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
  } catch (error) {
    out.destroy(error as Error);
    throw error;
  }
  await finished;
}
