import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { writeFileAtomically } from '../core/files/atomic-file';
import type { SecretVault } from '../core/registries/credentials';

/**
 * Registry logins made in the desktop app, encrypted with the system keychain (safeStorage: Keychain
 * on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux) in the app's own folder. Where
 * no keychain is available it refuses to store, and the login stays in memory until the app quits.
 */
export function keychainVault(): SecretVault {
  const file = join(app.getPath('userData'), 'registry-logins.bin');
  return {
    async load() {
      const entries = new Map<string, { username: string; secret: string }>();
      if (!safeStorage.isEncryptionAvailable()) return entries;
      let sealed: Buffer;
      try {
        sealed = await readFile(file);
      } catch {
        return entries;
      }
      const parsed: unknown = JSON.parse(safeStorage.decryptString(sealed));
      if (typeof parsed !== 'object' || parsed === null) return entries;
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        const v = value as { username?: unknown; secret?: unknown } | null;
        if (typeof v?.username === 'string' && typeof v.secret === 'string') entries.set(key, { username: v.username, secret: v.secret });
      }
      return entries;
    },
    async store(entries) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('no system keychain is available to encrypt with');
      await writeFileAtomically(file, safeStorage.encryptString(JSON.stringify(Object.fromEntries(entries))));
    },
  };
}
