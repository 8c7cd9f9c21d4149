// Me.Get, Me.Patch (xp) and the two oauth/ paths the SDK calls without the API version: UserInfo.GetToken and
// Certs.GetPublicKey (for the token's kid).
import { Auth, Certs, Me, Tokens, UserInfo } from 'ordercloud-javascript-sdk';

export default async function (ctx) {
  await ctx.adminLogin();
  const id = `me-${ctx.tag}`;
  await ctx.createAdminUser(id);
  const password = 'Scenario-Passw0rd!';
  const token = await Auth.ElevatedLogin(ctx.clientSecret, id, password, ctx.clientId);
  Tokens.SetAccessToken(token.access_token);

  const me = await Me.Get();
  const patched = await Me.Patch({ FirstName: 'Patched', xp: { Theme: 'dark', Nested: { Level: 2 } } });
  const again = await Me.Get();
  const userinfo = await UserInfo.GetToken();
  const kid = JSON.parse(Buffer.from(token.access_token.split('.')[0], 'base64url').toString()).kid;
  const key = await Certs.GetPublicKey(kid);
  return {
    me: { ID: me.ID, Username: me.Username, Active: me.Active, Password: me.Password, Seller: me.Seller },
    patched: { FirstName: patched.FirstName, xp: patched.xp },
    again: { FirstName: again.FirstName, xp: again.xp },
    userinfo,
    key: { kid: key.kid, kty: key.kty, alg: key.alg, hasModulus: Boolean(key.n) },
    paths: ctx.requests.map((r) => `${r.method} ${r.path}`).filter((p) => !p.includes('/oauth/token')),
  };
}
