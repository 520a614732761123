import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ActivityFileError } from './activity-file-error';
import type { ArchiveEntry, ExportArchive } from './export-archive';
import { MAX_EXPORT_ENTRIES } from './limits';

/** Reads at most `maxBytes` of a file, refusing a larger one without reading it all. */
async function readBounded(path: string, maxBytes: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > maxBytes) {
      throw new ActivityFileError('too_large', `more than ${maxBytes} bytes`);
    }
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await file.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * A folder read as an export: its regular files, at any depth, named by their path inside it.
 * Symbolic links are not followed, so nothing outside the folder is read.
 */
export async function openFolderArchive(folder: string): Promise<ExportArchive> {
  const listed = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = listed.filter((item) => item.isFile());
  if (files.length > MAX_EXPORT_ENTRIES) {
    throw new ActivityFileError('too_large', `more than ${MAX_EXPORT_ENTRIES} files`);
  }
  const entries: ArchiveEntry[] = [];
  for (const file of files) {
    const path = join(file.parentPath, file.name);
    entries.push({
      name: relative(folder, path).split(sep).join('/'),
      size: (await lstat(path)).size,
    });
  }
  return {
    entries,
    refused: [],
    read: (entry, maxBytes) => readBounded(join(folder, entry.name), maxBytes),
    async close() {},
  };
}
