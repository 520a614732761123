import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeMigratedTemplate } from '@coach/db';
import { PGLITE_TEMPLATE } from '../database';

// `pnpm build`: an empty, migrated embedded database, so a first start skips initdb (≈ 3 s saved).
mkdirSync(dirname(PGLITE_TEMPLATE), { recursive: true });
await writeMigratedTemplate(PGLITE_TEMPLATE);
console.log(`Wrote ${PGLITE_TEMPLATE}`);
