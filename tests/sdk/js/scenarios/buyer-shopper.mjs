// A buyer organisation and its shopper, the three ways a storefront gets a buyer token: Auth.Login (public
// client admitting any buyer), Auth.Anonymous (IsAnonBuyer client, its DefaultContextUserName as the template;
// also with only customRoles, where the SDK sends `scope=undefined X`), and impersonation
// (ImpersonationConfigs + Users.GetAccessToken, then Tokens.SetImpersonationToken and Me.As()).
import {
  ApiClients,
  Auth,
  Buyers,
  ImpersonationConfigs,
  Me,
  SecurityProfiles,
  Tokens,
  Users,
} from 'ordercloud-javascript-sdk';
import { claims } from '../lib.mjs';

export default async function (ctx) {
  await ctx.adminLogin();
  const buyerID = `buyer-${ctx.tag}`;
  const shopper = `shopper-${ctx.tag}`;
  const profile = `shop-${ctx.tag}`;
  const password = 'Shopper-Passw0rd!';
  await Buyers.Create({ ID: buyerID, Name: `Buyer ${ctx.tag}`, Active: true });
  await Users.Create(buyerID, {
    ID: shopper,
    Username: shopper,
    Password: password,
    FirstName: 'Sam',
    LastName: 'Shopper',
    Email: `${shopper}@example.com`,
    Active: true,
  });
  await SecurityProfiles.Create({ ID: profile, Name: profile, Roles: ['Shopper', 'MeAdmin'], CustomRoles: ['Vip'] });
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: profile, BuyerID: buyerID });
  const storefront = await ctx.createPublicClient({ AllowSeller: false, AllowAnyBuyer: true });
  const anonymousClient = await ApiClients.Create({
    AppName: `anon ${ctx.tag}`,
    Active: true,
    AllowAnyBuyer: true,
    IsAnonBuyer: true,
    DefaultContextUserName: shopper,
    AccessTokenDuration: 600,
  });
  await ImpersonationConfigs.Create({
    ID: `imp-${ctx.tag}`,
    BuyerID: buyerID, // the impersonatee; Impersonation* name the impersonator (null: any admin)
    SecurityProfileID: profile,
    ClientID: storefront.ID,
  });
  const adminToken = Tokens.GetAccessToken();

  const me = async (token) => {
    Tokens.SetAccessToken(token.access_token);
    const user = await Me.Get();
    return { Username: user.Username, Buyer: user.Buyer?.ID ?? null, role: claims(token.access_token).role };
  };
  const login = await me(await Auth.Login(shopper, password, storefront.ID, ['Shopper']));
  const anonymousToken = await Auth.Anonymous(anonymousClient.ID, ['Shopper'], [], { anonuserid: `anon-${ctx.tag}` });
  const anonymous = { ...(await me(anonymousToken)), refresh: anonymousToken.refresh_token ?? null };
  const customOnly = await me(await Auth.Anonymous(anonymousClient.ID, undefined, ['Vip']));

  Tokens.SetAccessToken(adminToken);
  const impersonation = await Users.GetAccessToken(buyerID, shopper, { ClientID: storefront.ID, Roles: ['Shopper'] });
  Tokens.SetImpersonationToken(impersonation.access_token);
  const mark = ctx.requests.length;
  const asShopper = await Me.As().Get();
  const asAdmin = await Me.Get(); // without As() the stored (admin) token is used
  const impersonationClaims = claims(impersonation.access_token);
  return {
    login,
    anonymous,
    customOnly,
    impersonation: {
      usr: impersonationClaims.usr,
      cid: impersonationClaims.cid,
      role: impersonationClaims.role,
      hasImp: Boolean(impersonationClaims.imp),
      refresh: impersonation.refresh_token ?? null,
      asShopper: { Username: asShopper.Username, Buyer: asShopper.Buyer?.ID ?? null },
      asAdmin: asAdmin.Username,
      paths: ctx.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.status} ${r.usr}`),
    },
  };
}
