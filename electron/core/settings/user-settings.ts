import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { BackendError } from '../../../shared/errors';
import { writeFileAtomically } from '../files/atomic-file';
import { prefixMirror, type UserRegistrySettings } from '../../../shared/registry-types';

/** Bigger than any honest settings file: a hostile or corrupt one is not read into memory. */
const MAX_BYTES = 256 * 1024;

const schema = z.object({
  prefixMirrors: z.array(z.object({ prefix: z.string() })).max(20).default([]),
  registries: z.array(z.string().max(255)).max(100).default([]),
});

/** `$XDG_CONFIG_HOME/stevedore` (else ~/.config/stevedore): where a user's registry choices are remembered. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'stevedore');
}

/**
 * What the user chose about registries (prefix mirrors, registries browsed), one small JSON file per
 * user. Never a secret: those live with the docker credential helper or in memory. A file that cannot
 * be read is reported and treated as empty, never overwritten until the user saves a change.
 */
export class UserSettings {
  private readonly file: string;

  constructor(dir: string = defaultSettingsDir()) {
    this.file = join(dir, 'registries.json');
  }

  async read(): Promise<{ settings: UserRegistrySettings; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: { prefixMirrors: [], registries: [] }, problem: null };
      return { settings: { prefixMirrors: [], registries: [] }, problem: `${this.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).` };
    }
    if (text.length > MAX_BYTES) return { settings: { prefixMirrors: [], registries: [] }, problem: `${this.file} is too large to be Stevedore's settings; it was left as it is.` };
    let parsed: z.infer<typeof schema>;
    try {
      parsed = schema.parse(JSON.parse(text));
    } catch {
      return { settings: { prefixMirrors: [], registries: [] }, problem: `${this.file} is not valid Stevedore settings; it was left as it is and will be replaced when you save a change.` };
    }
    // Entries a hand edit broke are dropped rather than failing the whole file.
    const prefixMirrors = parsed.prefixMirrors.filter((m) => prefixMirror.safeParse(m).success);
    return { settings: { prefixMirrors, registries: parsed.registries }, problem: null };
  }

  /** Writes the changed settings; a change that changes nothing leaves the file (and its problems) alone. */
  async update(change: (current: UserRegistrySettings) => UserRegistrySettings): Promise<UserRegistrySettings> {
    const current = await this.read();
    const next = change(current.settings);
    if (current.problem === null && JSON.stringify(next) === JSON.stringify(current.settings)) return next;
    const dir = join(this.file, '..');
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFileAtomically(this.file, JSON.stringify(next, null, 2) + '\n');
    } catch (err) {
      throw new BackendError('IO', `Saving the registry settings to ${this.file} failed.`, 'Check that the folder is writable.', (err as Error).message);
    }
    return next;
  }
}
