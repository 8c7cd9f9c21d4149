// Refresh tokens: Auth.RefreshToken explicitly, and the SDK's automatic refresh before a call when the stored
// access token has expired (it POSTs a refresh_token grant with Configuration.clientID, then sends the new token).
import { Auth, Configuration, Me, Tokens } from 'ordercloud-javascript-sdk';
import { claims, expiredCopy, failure } from '../lib.mjs';

export default async function (ctx) {
  const admin = await ctx.adminLogin();
  const publicClient = await ctx.createPublicClient({ RefreshTokenDuration: 60 });
  const login = await Auth.Login(ctx.username, ctx.password, publicClient.ID, ['MeAdmin']);

  const refreshed = await Auth.RefreshToken(login.refresh_token, publicClient.ID);
  Tokens.SetAccessToken(refreshed.access_token);
  const meAfterRefresh = await Me.Get();

  // Automatic refresh: an expired access token plus a refresh token in the SDK's store.
  Configuration.Set({ clientID: publicClient.ID });
  const expired = expiredCopy(login.access_token);
  Tokens.SetAccessToken(expired);
  Tokens.SetRefreshToken(login.refresh_token);
  const mark = ctx.requests.length;
  const meAuto = await Me.Get();
  const automatic = ctx.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.status}${r.grant ? ` ${r.grant}` : ''}`);
  const stored = Tokens.GetAccessToken();

  // The SDK's refresh never sends the client secret; a refresh token of a confidential client still works.
  const confidentialToken = await Auth.RefreshToken(admin.refresh_token, ctx.clientId);
  const confidential = { usr: claims(confidentialToken.access_token).usr };

  return {
    refreshed: {
      token_type: refreshed.token_type,
      expires_in: refreshed.expires_in,
      refresh_token_is_the_same: refreshed.refresh_token === login.refresh_token,
      claims: { usr: claims(refreshed.access_token).usr, cid: claims(refreshed.access_token).cid, role: claims(refreshed.access_token).role },
      me: meAfterRefresh.Username,
    },
    automatic: {
      requests: automatic,
      me: meAuto.Username,
      storedTokenReplaced: stored !== expired,
      storedTokenExpiresInFuture: claims(stored).exp > Date.now() / 1000,
    },
    confidential,
  };
}
