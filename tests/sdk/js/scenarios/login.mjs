// Every grant the SDK has that Mercato serves: Auth.ClientCredentials, Auth.ElevatedLogin (password + the
// client's secret), Auth.Login (password, public client), with and without a scope; and Me.Get with each token.
import { Auth, Me, Tokens } from 'ordercloud-javascript-sdk';
import { claims, failure } from '../lib.mjs';

async function me(token) {
  Tokens.SetAccessToken(token.access_token);
  const user = await Me.Get();
  return { Username: user.Username, AvailableRoles: user.AvailableRoles, Seller: user.Seller };
}

function summary(token) {
  const c = claims(token.access_token);
  return {
    token_type: token.token_type,
    expires_in: token.expires_in,
    has_refresh_token: Boolean(token.refresh_token),
    claims: { usr: c.usr, cid: c.cid, usrtype: c.usrtype, role: c.role, iss: c.iss, aud: c.aud },
    lifetime: c.exp - c.nbf,
  };
}

export default async function (ctx) {
  const credentials = await ctx.adminLogin(['FullAccess']);
  const publicClient = await ctx.createPublicClient();

  const elevated = await Auth.ElevatedLogin(ctx.clientSecret, ctx.username, ctx.password, ctx.clientId, ['FullAccess']);
  const login = await Auth.Login(ctx.username, ctx.password, publicClient.ID, ['AdminUserReader', 'MeAdmin']);
  const loginNoScope = await Auth.Login(ctx.username, ctx.password, publicClient.ID);
  const limited = await Auth.ClientCredentials(ctx.clientSecret, ctx.clientId, ['MeAdmin']);
  // A client with a secret refuses a password login that does not present it (SEMANTICS §1.2).
  const withoutSecret = await failure(Auth.Login(ctx.username, ctx.password, ctx.clientId, ['FullAccess']));

  return {
    publicClient: { ID: publicClient.ID, ClientSecret: publicClient.ClientSecret },
    clientCredentials: { ...summary(credentials), me: await me(credentials) },
    elevated: { ...summary(elevated), me: await me(elevated) },
    login: { ...summary(login), me: await me(login) },
    loginNoScope: { ...summary(loginNoScope), me: await me(loginNoScope) },
    limited: summary(limited),
    withoutSecret,
    tokenRequests: ctx.requests.filter((r) => r.path === '/oauth/token').map((r) => r.status),
  };
}
