// SecurityProfiles and assignments: Create, Get, Save, Patch, List, SaveAssignment (user and group level),
// ListAssignments, DeleteAssignment, Delete; the assigned roles reach a login (custom roles via `customRoles`).
import { AdminUserGroups, Auth, Me, SecurityProfiles, Tokens } from 'ordercloud-javascript-sdk';
import { claims, failure } from '../lib.mjs';

export default async function (ctx) {
  await ctx.adminLogin();
  const id = `sp-${ctx.tag}`;
  const custom = `Scenario${ctx.tag}`;
  const userID = `spu-${ctx.tag}`;
  const groupID = `spg-${ctx.tag}`;
  await ctx.createAdminUser(userID);
  await AdminUserGroups.Create({ ID: groupID, Name: groupID });

  const created = await SecurityProfiles.Create({ ID: id, Name: `Profile ${ctx.tag}`, Roles: ['AdminUserReader'] });
  const saved = await SecurityProfiles.Save(id, { ID: id, Name: `Saved ${ctx.tag}`, Roles: ['AdminUserReader', 'MeAdmin'] });
  const patched = await SecurityProfiles.Patch(id, { CustomRoles: [custom] });
  const got = await SecurityProfiles.Get(id);
  const listed = await SecurityProfiles.List({ search: ctx.tag });

  await SecurityProfiles.SaveAssignment({ SecurityProfileID: id, UserID: userID });
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: id, UserGroupID: groupID });
  const assignments = await SecurityProfiles.ListAssignments({ securityProfileID: id });
  const userLevel = await SecurityProfiles.ListAssignments({ securityProfileID: id, level: 'User' });

  const token = await Auth.ElevatedLogin(ctx.clientSecret, userID, 'Scenario-Passw0rd!', ctx.clientId, ['AdminUserReader'], [custom]);
  Tokens.SetAccessToken(token.access_token);
  const me = await Me.Get();
  await ctx.adminLogin();

  await SecurityProfiles.DeleteAssignment(id, { userID });
  await SecurityProfiles.DeleteAssignment(id, { userGroupID: groupID });
  const afterDelete = await SecurityProfiles.ListAssignments({ securityProfileID: id });
  await SecurityProfiles.Delete(id);
  const gone = await failure(SecurityProfiles.Get(id));

  const profile = (p) => ({ ID: p.ID, Name: p.Name, Roles: p.Roles, CustomRoles: p.CustomRoles, IsExternalRoleGroup: p.IsExternalRoleGroup });
  return {
    custom,
    created: profile(created),
    saved: profile(saved),
    patched: profile(patched),
    got: profile(got),
    listed: listed.Items.map((p) => p.ID),
    assignments: assignments.Items,
    userLevel: userLevel.Items,
    tokenRoles: claims(token.access_token).role,
    availableRoles: me.AvailableRoles,
    afterDelete: afterDelete.Items,
    gone: { status: gone.status, errorCode: gone.errorCode, message: gone.message },
  };
}
