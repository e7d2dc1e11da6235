/**
 * The test OIDC provider as a process, for Playwright (playwright.config.ts starts it on a
 * fixed port with a fixed client secret; the user it signs in is a supervisor).
 */
import { startOidcProvider } from './oidc-provider';

const provider = await startOidcProvider(Number(process.env.PORT ?? 4175));
provider.clientSecret = process.env.OIDC_CLIENT_SECRET ?? provider.clientSecret;
provider.user = {
  sub: 'e2e-sso-user',
  name: 'Sky Supervisor',
  preferred_username: 'sky',
  console_role: 'supervisor',
};
console.log(`test OIDC provider on ${provider.issuer}`);
