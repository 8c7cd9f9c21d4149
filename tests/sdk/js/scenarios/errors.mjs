// What the SDK raises for Mercato's error answers: OrderCloudError with status, errorCode (Errors[0].ErrorCode)
// and message (for NotFound built by the SDK from Data.ObjectType and Data.ObjectID).
import { AdminUsers, ApiClients, Auth, Tokens } from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

export default async function (ctx) {
  await ctx.adminLogin();
  const publicClient = await ctx.createPublicClient();
  const victim = `err-${ctx.tag}`; // wrong passwords count towards a lockout: never the shared admin's
  await ctx.createAdminUser(victim);

  const missing = await failure(AdminUsers.Get(`missing-${ctx.tag}`));
  const invalid = await failure(AdminUsers.Create({ ID: `bad-${ctx.tag}`, Username: `bad-${ctx.tag}` }));
  const badPasswordLogin = await failure(Auth.Login(victim, 'wrong-password', publicClient.ID, ['MeAdmin']));
  const badPasswordElevated = await failure(Auth.ElevatedLogin(ctx.clientSecret, victim, 'wrong-password', ctx.clientId));
  const unknownUser = await failure(Auth.Login(`nobody-${ctx.tag}`, 'whatever-password', publicClient.ID));
  const badSecret = await failure(Auth.ClientCredentials('not-the-secret', ctx.clientId));
  const unknownClient = await failure(Auth.ClientCredentials('x', `no-such-client-${ctx.tag}`));

  await ctx.adminLogin(['MeAdmin']); // a token without AdminUserReader / ApiClientReader
  const insufficientList = await failure(AdminUsers.List());
  const insufficientCreate = await failure(ApiClients.Create({ AppName: 'x', AccessTokenDuration: 10 }));

  Tokens.RemoveAccessToken();
  const noToken = await failure(AdminUsers.List());
  return {
    missing,
    invalid,
    badPasswordLogin,
    badPasswordElevated,
    unknownUser,
    badSecret,
    unknownClient,
    insufficientList,
    insufficientCreate,
    noToken,
  };
}
