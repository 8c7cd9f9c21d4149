// ApiClients: Create, Get, Save, Patch, List, secrets (CreateSecret, ListSecrets, GetSecret, PatchSecret,
// DeleteSecret; a generated secret works for Auth.ClientCredentials), assignments (SaveAssignment,
// ListAssignments), Delete.
import { ApiClients, Auth, Buyers } from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

export default async function (ctx) {
  await ctx.adminLogin();
  const created = await ApiClients.Create({
    AppName: `App ${ctx.tag}`,
    Active: true,
    AllowSeller: true,
    AccessTokenDuration: 60,
    DefaultContextUserName: ctx.username,
    xp: { Tag: ctx.tag },
  });
  const id = created.ID;
  const got = await ApiClients.Get(id);
  const saved = await ApiClients.Save(id, { ...got, AppName: `Saved ${ctx.tag}`, RefreshTokenDuration: 30 });
  const patched = await ApiClients.Patch(id, { MaximumGrantedRoles: ['MeAdmin', 'AdminUserReader'] });
  const listed = await ApiClients.List({ filters: { 'xp.Tag': ctx.tag } });

  const secret = await ApiClients.CreateSecret(id, { ID: `sec-${ctx.tag}`, Name: 'ci' });
  const secrets = await ApiClients.ListSecrets(id);
  const gotSecret = await ApiClients.GetSecret(id, secret.ID);
  const patchedSecret = await ApiClients.PatchSecret(id, secret.ID, { Name: 'ci renamed' });
  const withSecret = await Auth.ClientCredentials(secret.ClientSecret, id, ['MeAdmin']);
  await ApiClients.DeleteSecret(id, secret.ID);
  const revoked = await failure(Auth.ClientCredentials(secret.ClientSecret, id, ['MeAdmin']));

  await Buyers.Create({ ID: `buyer-${ctx.tag}`, Name: 'assigned', Active: true });
  await ApiClients.SaveAssignment({ ApiClientID: id, BuyerID: `buyer-${ctx.tag}` });
  await ApiClients.SaveAssignment({ ApiClientID: id, SupplierID: `supplier-${ctx.tag}` });
  const assignments = await ApiClients.ListAssignments({ apiClientID: id });
  const afterAssign = await ApiClients.Get(id);

  await ApiClients.Delete(id);
  const gone = await failure(ApiClients.Get(id));
  const client = (c) => ({
    ID: c.ID,
    AppName: c.AppName,
    Active: c.Active,
    ClientSecret: c.ClientSecret,
    AccessTokenDuration: c.AccessTokenDuration,
    RefreshTokenDuration: c.RefreshTokenDuration,
    MaximumGrantedRoles: c.MaximumGrantedRoles,
    xp: c.xp,
  });
  return {
    created: client(created),
    saved: client(saved),
    patched: client(patched),
    listed: listed.Items.map((c) => c.ID),
    secret: { ID: secret.ID, Name: secret.Name, hasValue: typeof secret.ClientSecret === 'string' && secret.ClientSecret.length > 20 },
    secrets: secrets.Items.map((s) => ({ ID: s.ID, Name: s.Name, ClientSecret: s.ClientSecret ?? null })),
    gotSecret: { ID: gotSecret.ID, ClientSecret: gotSecret.ClientSecret ?? null },
    patchedSecret: { ID: patchedSecret.ID, Name: patchedSecret.Name },
    withSecret: Boolean(withSecret.access_token),
    revoked: { status: revoked.status, errorCode: revoked.errorCode },
    assignments: assignments.Items,
    counts: { buyers: afterAssign.AssignedBuyerCount, suppliers: afterAssign.AssignedSupplierCount },
    gone: { status: gone.status, errorCode: gone.errorCode, message: gone.message },
  };
}
