/** What the identity provider vouches for, once its answer has been checked. */
export interface IdentityClaims {
  /** The provider's stable subject for the person. */
  subject: string;
  idNumber: string;
  fullName: string;
  /** yyyy-mm-dd, or the parts known (yyyy, yyyy-mm); null when the provider did not say. */
  birthDate: string | null;
  /** The organisation the person represents at law, when the provider says so. */
  organisation: { taxCode: string; name: string } | null;
}

/** What the browser carries between the start of a login and the provider's answer (never stored here). */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  /** The page of the web app to go back to. */
  returnTo: string;
}

/**
 * The national identity provider (VNeID, OpenID Connect): where to send the person, how to check the answer
 * and read who they are, and where to end their session there. The adapter is openid-client
 * (`openid-identity-provider.ts`); the demo and the tests run a local provider (src/integrations/identity).
 */
export interface IdentityProvider {
  /** Shown on the login button. */
  readonly name: string;
  /** The provider's authorisation address for a new login, and what to keep for its answer. */
  begin(returnTo: string): Promise<{ url: string; pending: PendingLogin }>;
  /** Checks the answer that came back to the callback (state, PKCE, nonce, ID token) and reads the claims. */
  finish(callbackQuery: string, pending: PendingLogin): Promise<{ claims: IdentityClaims; idToken: string }>;
  /** Where to send the browser to end the session at the provider too; null if it offers no logout. */
  endSessionUrl(idToken: string): Promise<string | null>;
}
