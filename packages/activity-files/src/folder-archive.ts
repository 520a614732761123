import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ActivityFileError } from './activity-file-error';
import { readFileBounded } from './bounded-read';
import type { ArchiveEntry, ExportArchive } from './export-archive';
import { MAX_EXPORT_ENTRIES } from './limits';

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
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return {
    entries,
    refused: [],
    read: (entry, maxBytes) => readFileBounded(join(folder, entry.name), maxBytes),
    async close() {},
  };
}
