// A buyer organisation set up through the SDK's resource methods, as the marketplace owner: Buyers (Create, Get,
// Patch, List, Save creating and updating, Delete), buyer Users (Create, List with userGroupID, Get, Patch,
// UnlockUserAccount, Move to another buyer), UserGroups (Create, Save, Patch, Get, List, SaveUserAssignment,
// ListUserAssignments, DeleteUserAssignment, Delete), and the buyer's Addresses, CostCenters, CreditCards,
// SpendingAccounts and ApprovalRules (Create, Get, Save, Patch, List, Delete each). Assignments and what a buyer
// user sees of them are in buyer-me.mjs.
import {
  Addresses,
  ApprovalRules,
  Buyers,
  CostCenters,
  CreditCards,
  SpendingAccounts,
  UserGroups,
  Users,
} from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

const code = (f) => `${f.status} ${f.errorCode} ${f.message}`;
const ids = (page) => page.Items.map((item) => item.ID);

/** Create, Get, Save (PUT), Patch, List and Delete of one buyer sub-resource; what each answered. */
async function lifecycle(resource, buyerID, id, { body, put, patch, list }) {
  const created = await resource.Create(buyerID, { ID: id, ...body });
  const got = await resource.Get(buyerID, id);
  const saved = await resource.Save(buyerID, id, { ID: id, ...body, ...put });
  const patched = await resource.Patch(buyerID, id, patch);
  const listed = await resource.List(buyerID, list);
  await resource.Delete(buyerID, id);
  const gone = await failure(resource.Get(buyerID, id));
  return { created, got, saved, patched, listed: ids(listed), gone: code(gone) };
}

export default async function (ctx) {
  await ctx.adminLogin();
  const t = ctx.tag;
  const buyerID = `ba-${t}`;
  const otherBuyerID = `ba2-${t}`;
  const putBuyerID = `ba3-${t}`;
  const [userID, moverID] = [`bau1-${t}`, `bau2-${t}`];
  const groupID = `bag-${t}`;

  // Buyers
  const buyer = (b) => ({ ID: b.ID, Name: b.Name, Active: b.Active, DefaultCatalogID: b.DefaultCatalogID, xp: b.xp });
  const created = await Buyers.Create({ ID: buyerID, Name: `Org ${t}`, Active: true, xp: { Tag: t, Tier: 'gold' } });
  await Buyers.Create({ ID: otherBuyerID, Name: `Other ${t}`, Active: true, xp: { Tag: t } });
  const got = await Buyers.Get(buyerID);
  const patched = await Buyers.Patch(buyerID, { Name: `Org ${t} patched`, xp: { Region: 'EU' } });
  const listed = await Buyers.List({ filters: { xp: { Tag: t } }, sortBy: ['!ID'] });
  const putCreated = await Buyers.Save(putBuyerID, { ID: putBuyerID, Name: `Put ${t}`, Active: false });
  const putSaved = await Buyers.Save(putBuyerID, { ID: putBuyerID, Name: `Put again ${t}`, Active: true }); // no DefaultCatalogID
  await Buyers.Delete(putBuyerID);
  const buyerGone = await failure(Buyers.Get(putBuyerID));

  // Users and groups
  const user = (id, extra = {}) => ({
    ID: id,
    Username: id,
    Password: 'Buyer-Passw0rd!',
    FirstName: 'Bo',
    LastName: t,
    Email: `${id}@example.com`,
    Active: true,
    ...extra,
  });
  const createdUser = await Users.Create(buyerID, user(userID, { xp: { Desk: 1 } }));
  await Users.Create(buyerID, user(moverID));
  const group = (g) => ({ ID: g.ID, Name: g.Name, Description: g.Description, xp: g.xp });
  const groupCreated = await UserGroups.Create(buyerID, { ID: groupID, Name: `Group ${t}`, xp: { Region: 'EU' } });
  const groupSaved = await UserGroups.Save(buyerID, groupID, { ID: groupID, Name: `Saved ${t}`, Description: 'put' });
  const groupPatched = await UserGroups.Patch(buyerID, groupID, { Description: 'patched', xp: { Level: 2 } });
  const groupGot = await UserGroups.Get(buyerID, groupID);
  const groupsListed = await UserGroups.List(buyerID, { search: 'Saved' });
  for (const UserID of [userID, moverID]) await UserGroups.SaveUserAssignment(buyerID, { UserGroupID: groupID, UserID });
  const members = await UserGroups.ListUserAssignments(buyerID, { userGroupID: groupID });
  const inGroup = await Users.List(buyerID, { userGroupID: groupID, sortBy: ['ID'] });
  const userGot = await Users.Get(buyerID, userID);
  const userPatched = await Users.Patch(buyerID, userID, { Phone: '555-0199', xp: { Floor: 3 } });
  await Users.UnlockUserAccount(buyerID, userID);
  const moved = await Users.Move(buyerID, moverID, otherBuyerID, { orders: 'None' });
  const movedGot = await Users.Get(otherBuyerID, moverID);
  const leftBehind = await failure(Users.Get(buyerID, moverID));
  const membersAfterMove = await UserGroups.ListUserAssignments(buyerID, { userGroupID: groupID });
  const usersAfterMove = await Users.List(buyerID);
  const otherUsers = await Users.List(otherBuyerID);

  // The buyer's things: Create, Get, Save, Patch, List, Delete
  const address = await lifecycle(Addresses, buyerID, `baa-${t}`, {
    body: { AddressName: 'Dock', Street1: '1 Main St', City: 'Minneapolis', State: 'MN', Zip: '55401', Country: 'US' },
    put: { Street2: 'Door 4' },
    patch: { City: 'St Paul', xp: { Dock: 4 } },
    list: { filters: { City: 'St*' } },
  });
  const costCenter = await lifecycle(CostCenters, buyerID, `bac-${t}`, {
    body: { Name: 'Marketing', xp: { Code: 'M1' } },
    put: { Name: 'Marketing EU', Description: 'put' },
    patch: { Description: 'patched' },
    list: { search: 'EU' },
  });
  const creditCard = await lifecycle(CreditCards, buyerID, `bacc-${t}`, {
    body: { Token: `tok_${t}`, CardType: 'Visa', PartialAccountNumber: '4242', CardholderName: 'Bo Org', ExpirationDate: '2031-01-31T00:00:00Z' },
    put: { CardholderName: 'Bo Saved' },
    patch: { PartialAccountNumber: '1881' },
    list: { filters: { CardType: 'Visa' } },
  });
  const spendingAccount = await lifecycle(SpendingAccounts, buyerID, `bas-${t}`, {
    body: { Name: 'Budget', Balance: 100.5, AllowAsPaymentMethod: true, StartDate: '2024-01-01T00:00:00Z' },
    put: { Balance: 250 },
    patch: { Balance: 99.999, EndDate: '2099-12-31T00:00:00Z' },
    list: { filters: { Balance: '>50' } },
  });
  const approvalRule = await lifecycle(ApprovalRules, buyerID, `bar-${t}`, {
    body: { Name: 'Large orders', ApprovingGroupID: groupID, RuleExpression: 'order.Total > 1000' },
    put: { Description: 'put' },
    patch: { RuleExpression: 'order.Total > 5000' },
    list: { filters: { ApprovingGroupID: groupID } },
  });

  await UserGroups.DeleteUserAssignment(buyerID, groupID, userID);
  const membersAfterDelete = await UserGroups.ListUserAssignments(buyerID, { userID });
  await UserGroups.Delete(buyerID, groupID);
  const groupGone = await failure(UserGroups.Get(buyerID, groupID));

  return {
    buyers: {
      created: buyer(created),
      got: buyer(got),
      patched: buyer(patched),
      listed: ids(listed),
      putCreated: buyer(putCreated),
      putSaved: buyer(putSaved),
      gone: code(buyerGone),
    },
    users: {
      created: { ID: createdUser.ID, Password: createdUser.Password, xp: createdUser.xp },
      got: { ID: userGot.ID, Username: userGot.Username, Email: userGot.Email },
      patched: { Phone: userPatched.Phone, xp: userPatched.xp },
      inGroup: ids(inGroup),
      moved: { ID: moved.ID, CompanyID: moved.CompanyID },
      movedGot: { ID: movedGot.ID, CompanyID: movedGot.CompanyID },
      leftBehind: code(leftBehind),
      afterMove: ids(usersAfterMove),
      otherBuyer: ids(otherUsers),
    },
    groups: {
      created: group(groupCreated),
      saved: group(groupSaved),
      patched: group(groupPatched),
      got: group(groupGot),
      listed: ids(groupsListed),
      members: members.Items,
      membersAfterMove: membersAfterMove.Items,
      membersAfterDelete: membersAfterDelete.Items,
      gone: code(groupGone),
    },
    address,
    costCenter,
    creditCard,
    spendingAccount,
    approvalRule,
    paths: ctx.requests
      .filter((r) => /\/(unlock|moveto)\//.test(`${r.path}/`) || (r.method === 'PUT' && r.path.includes(putBuyerID)))
      .map((r) => `${r.method} ${r.path} ${r.status}`),
  };
}
