import { open } from 'node:fs/promises';
import { ActivityFileError } from './activity-file-error';

/** Reads a file whole, refusing one larger than `maxBytes` before reading it. */
export async function readFileBounded(path: string, maxBytes: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > maxBytes) throw new ActivityFileError('too_large', `more than ${maxBytes} bytes`);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await file.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
