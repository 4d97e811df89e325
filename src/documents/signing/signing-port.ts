import type { Signer } from './cades-signature.js';

export interface SigningAgency {
  code: string;
  name: string;
}

/**
 * How an agency's documents get signed: the domain asks for the agency's signer (its certificate chain and a
 * key that signs) and builds the PAdES signature itself. Adapters: key files on this server
 * (`local-key-signing.ts`) or a remote signing service holding the keys (`remote-signing.ts`).
 */
export interface SigningPort {
  /** Throws SIGNING_KEY_MISSING when the agency has no key here, SIGNING_UNAVAILABLE when it cannot sign now. */
  signerFor(agency: SigningAgency): Promise<Signer>;
  readonly description: string;
}
