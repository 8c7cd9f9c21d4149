// AdminUserGroups and their user assignments: Create, Get, Save, Patch, List, SaveUserAssignment,
// ListUserAssignments (by group and by user), DeleteUserAssignment, Delete.
import { AdminUserGroups } from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

export default async function (ctx) {
  await ctx.adminLogin();
  const groupID = `ag-${ctx.tag}`;
  const users = [`agu1-${ctx.tag}`, `agu2-${ctx.tag}`];
  for (const id of users) await ctx.createAdminUser(id);

  const created = await AdminUserGroups.Create({ ID: groupID, Name: `Group ${ctx.tag}`, xp: { Region: 'EU' } });
  const saved = await AdminUserGroups.Save(groupID, { ID: groupID, Name: `Saved ${ctx.tag}`, Description: 'put' });
  const patched = await AdminUserGroups.Patch(groupID, { Description: 'patched', xp: { Region: 'US' } });
  const got = await AdminUserGroups.Get(groupID);
  const listed = await AdminUserGroups.List({ filters: { ID: groupID } });

  for (const UserID of users) await AdminUserGroups.SaveUserAssignment({ UserGroupID: groupID, UserID });
  await AdminUserGroups.SaveUserAssignment({ UserGroupID: groupID, UserID: users[0] }); // idempotent
  const byGroup = await AdminUserGroups.ListUserAssignments({ userGroupID: groupID });
  const byUser = await AdminUserGroups.ListUserAssignments({ userID: users[1] });
  await AdminUserGroups.DeleteUserAssignment(groupID, users[0]);
  const afterDelete = await AdminUserGroups.ListUserAssignments({ userGroupID: groupID });
  await AdminUserGroups.Delete(groupID);
  const gone = await failure(AdminUserGroups.Get(groupID));

  const group = (g) => ({ ID: g.ID, Name: g.Name, Description: g.Description, xp: g.xp });
  return {
    created: group(created),
    saved: group(saved),
    patched: group(patched),
    got: group(got),
    listed: listed.Items.map((g) => g.ID),
    byGroup: byGroup.Items,
    byUser: byUser.Items,
    afterDelete: afterDelete.Items,
    gone: { status: gone.status, errorCode: gone.errorCode, message: gone.message },
  };
}
