import { afterAll } from 'vitest';
import { exportsEnded } from '../files/export-lease';

// Each test file's worker exits when the file ends, which would cut the engine's exports still under
// way (a list's read-ahead of image content): on the containerd store of Docker 26 a cut export keeps
// its content pinned for good, and a later prune in another file then frees less than it previewed.
afterAll(() => exportsEnded(20_000), 30_000);
