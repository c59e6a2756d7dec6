import { safeStorage } from 'electron'
import type { SecretCipher } from '../storage/SecretStore.ts'

/**
 * The OS keychain (Keychain, DPAPI, libsecret/kwallet) through safeStorage, or nothing. On Linux
 * without a keyring safeStorage "encrypts" with a fixed password; that is not a secret store, so
 * the app keeps secrets in memory instead and says so.
 */
export function keychainCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  }
}
