// AdminUsers through the SDK's resource methods: Create, Get, Save (PUT), Patch, List, RevokeUserTokens,
// UnlockUserAccount, Delete.
import { AdminUsers, Auth } from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

const pick = (u) => ({
  ID: u.ID,
  Username: u.Username,
  FirstName: u.FirstName,
  LastName: u.LastName,
  Email: u.Email,
  Active: u.Active,
  Password: u.Password,
  xp: u.xp,
});

export default async function (ctx) {
  await ctx.adminLogin();
  const id = `au-${ctx.tag}`;
  const created = await AdminUsers.Create({
    ID: id,
    Username: id,
    Password: 'Scenario-Passw0rd!',
    FirstName: 'Ada',
    LastName: ctx.tag,
    Email: `${id}@example.com`,
    Active: true,
    xp: { Team: 'core', Level: 3 },
  });
  const got = await AdminUsers.Get(id);
  const saved = await AdminUsers.Save(id, { ...got, FirstName: 'Augusta', xp: { Team: 'ops' } });
  const patched = await AdminUsers.Patch(id, { Phone: '555-0100', xp: { Level: 4 } });
  const listed = await AdminUsers.List({ search: ctx.tag, searchOn: ['LastName'] });
  const login = await Auth.ElevatedLogin(ctx.clientSecret, id, 'Scenario-Passw0rd!', ctx.clientId);
  await AdminUsers.RevokeUserTokens(id);
  await AdminUsers.UnlockUserAccount(id);
  await AdminUsers.Delete(id);
  const gone = await failure(AdminUsers.Get(id));
  return {
    created: { ...pick(created), DateCreated: Boolean(created.DateCreated) },
    got: pick(got),
    saved: pick(saved),
    patched: { ...pick(patched), Phone: patched.Phone },
    listed: { ids: listed.Items.map((u) => u.ID), Meta: listed.Meta },
    loggedIn: Boolean(login.access_token),
    gone,
    paths: ctx.requests.map((r) => `${r.method} ${r.path} ${r.status}`).filter((p) => !p.includes('/oauth/token')),
  };
}
