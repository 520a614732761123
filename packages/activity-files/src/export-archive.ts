import type { ActivityFileError } from './activity-file-error';

/** One file of an export, named by its path inside it (`/`-separated). */
export interface ArchiveEntry {
  name: string;
  /** bytes once decompressed */
  size: number;
}

/** An export's files, zipped or unpacked into a folder: listed up front, read one at a time. */
export interface ExportArchive {
  entries: ArchiveEntry[];
  /** Entries refused when listed (a path out of the archive, a zip bomb), with why. */
  refused: { name: string; error: ActivityFileError }[];
  /** Reads one entry whole, refusing one larger than `maxBytes`. */
  read(entry: ArchiveEntry, maxBytes: number): Promise<Uint8Array>;
  close(): Promise<void>;
}
