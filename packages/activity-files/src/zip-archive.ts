import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ActivityFileError } from './activity-file-error';
import type { ArchiveEntry, ExportArchive } from './export-archive';
import { MAX_COMPRESSION_RATIO, MAX_EXPORT_ENTRIES } from './limits';

/** Small entries may compress well without being a bomb; the ratio guard starts above this. */
const RATIO_CHECK_FROM_BYTES = 1024 * 1024;

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** The entry's name, or why it is refused: yauzl's own check of names that leave the archive. */
function checkedName(entry: Entry): { name: string; error?: ActivityFileError } {
  // Names are decoded here, not by yauzl, so that one bad name refuses that entry, not the archive.
  const raw = entry.fileName as unknown as Buffer;
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    raw,
    entry.extraFields,
    false,
  );
  const problem = yauzl.validateFileName(name);
  if (problem !== null) {
    return { name, error: new ActivityFileError('unsafe_path', `refused: ${problem}`) };
  }
  if (entry.isEncrypted()) {
    return { name, error: new ActivityFileError('corrupt', 'an encrypted entry') };
  }
  if (
    entry.uncompressedSize > RATIO_CHECK_FROM_BYTES &&
    entry.uncompressedSize > MAX_COMPRESSION_RATIO * entry.compressedSize
  ) {
    const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
    return {
      name,
      error: new ActivityFileError('too_large', `inflates ${ratio}× (a zip bomb?)`),
    };
  }
  return { name };
}

async function readStream(stream: Readable, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new ActivityFileError('too_large', `more than ${maxBytes} bytes once decompressed`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Opens a zip for reading entry by entry (yauzl reads the central directory, then each entry on
 * demand): the archive is never in memory whole. Entry sizes are checked against what the data
 * inflates to (yauzl's validateEntrySizes), so the declared sizes can be trusted for the caps.
 */
export async function openZipArchive(path: string): Promise<ExportArchive> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new ActivityFileError('corrupt', `not a readable zip (${(error as Error).message})`);
  }
  if (zip.entryCount > MAX_EXPORT_ENTRIES) {
    zip.close();
    throw new ActivityFileError('too_large', `more than ${MAX_EXPORT_ENTRIES} entries`);
  }
  let listed: Entry[];
  try {
    listed = await listEntries(zip);
  } catch (error) {
    zip.close();
    throw new ActivityFileError('corrupt', `a damaged zip (${(error as Error).message})`);
  }

  const byName = new Map<string, Entry>();
  const archive: ExportArchive = {
    entries: [],
    refused: [],
    async read(entry: ArchiveEntry, maxBytes: number) {
      const zipEntry = byName.get(entry.name);
      if (!zipEntry) throw new ActivityFileError('missing_file', 'not in the archive');
      if (zipEntry.uncompressedSize > maxBytes) {
        throw new ActivityFileError('too_large', `more than ${maxBytes} bytes once decompressed`);
      }
      try {
        return await readStream(await zip.openReadStreamPromise(zipEntry), maxBytes);
      } catch (error) {
        if (error instanceof ActivityFileError) throw error;
        throw new ActivityFileError('corrupt', `a damaged zip entry (${(error as Error).message})`);
      }
    },
    async close() {
      zip.close();
    },
  };
  for (const entry of listed) {
    const { name, error } = checkedName(entry);
    if (name.endsWith('/')) continue;
    if (error) {
      archive.refused.push({ name, error });
      continue;
    }
    byName.set(name, entry);
    archive.entries.push({ name, size: entry.uncompressedSize });
  }
  return archive;
}
