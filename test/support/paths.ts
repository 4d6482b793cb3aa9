import { join } from 'node:path';

/** The project's root folder, wherever a test file sits. */
export const PROJECT_ROOT = join(__dirname, '..', '..');

/** The demo seed file (README examples depend on it). */
export const DEMO_SEED_FILE = join(PROJECT_ROOT, 'seed', 'demo.json');
