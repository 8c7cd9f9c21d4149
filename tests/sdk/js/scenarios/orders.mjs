// An order that needs an approval, end to end. The marketplace owner sets up a buyer (its default catalog), two
// priced products in it, a shopper and an approver (buyer users; a buyer-level security profile gives them Shopper
// and MeAdmin), a user group with the approver in it and an approval rule `order.Total > 100` on that group, and
// a storefront API client. The shopper (Auth.Login) creates an order with an ID and xp (Orders.Create Outgoing),
// adds two line items (LineItems.Create), lists them, Orders.Validate, Orders.Submit → AwaitingApproval and cannot
// approve it; the approver sees it in Me.ListApprovableOrders and Orders.Approve → Open; the shopper's
// Me.ListOrders shows it Open and Orders.ListApprovals the approval; the owner reads it as Incoming.
import {
  ApprovalRules,
  Auth,
  Buyers,
  Catalogs,
  LineItems,
  Me,
  Orders,
  PriceSchedules,
  Products,
  SecurityProfiles,
  Tokens,
  UserGroups,
  Users,
} from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

const ids = (page) => page.Items.map((item) => item.ID);
const order = (o) => ({
  ID: o.ID,
  Status: o.Status,
  FromUser: o.FromUser?.ID ?? null,
  FromCompanyID: o.FromCompanyID,
  Comments: o.Comments,
  LineItemCount: o.LineItemCount,
  Subtotal: o.Subtotal,
  Total: o.Total,
  IsSubmitted: o.IsSubmitted,
  submitted: o.DateSubmitted !== null,
  approved: o.DateApproved !== null,
  xp: o.xp,
});
const line = (l) => ({
  ID: l.ID,
  ProductID: l.ProductID,
  Quantity: l.Quantity,
  UnitPrice: l.UnitPrice,
  LineTotal: l.LineTotal,
  Product: l.Product?.ID ?? null,
});
const approval = (a) => ({
  ApprovalRuleID: a.ApprovalRuleID,
  ApprovingGroupID: a.ApprovingGroupID,
  Status: a.Status,
  Approver: a.Approver?.ID ?? null,
  Comments: a.Comments,
  completed: a.DateCompleted !== null,
});

export default async function (ctx) {
  await ctx.adminLogin();
  const t = ctx.tag;
  const buyerID = `ob-${t}`; // also the ID of its default catalog
  const [shopper, approver, groupID, ruleID, profile] = [`obs-${t}`, `oba-${t}`, `obg-${t}`, `obr-${t}`, `obp-${t}`];
  const [lamp, chair] = [`obp1-${t}`, `obp2-${t}`];
  const orderID = `o-${t}`;
  const password = 'Shopper-Passw0rd!';

  await Buyers.Create({ ID: buyerID, Name: `Orders ${t}`, Active: true });
  await SecurityProfiles.Create({ ID: profile, Name: profile, Roles: ['Shopper', 'MeAdmin'] });
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: profile, BuyerID: buyerID });
  for (const [ID, FirstName] of [[shopper, 'Sam'], [approver, 'Avery']]) {
    await Users.Create(buyerID, { ID, Username: ID, Password: password, FirstName, LastName: t, Email: `${ID}@example.com`, Active: true });
  }
  await UserGroups.Create(buyerID, { ID: groupID, Name: `Approvers ${t}` });
  await UserGroups.SaveUserAssignment(buyerID, { UserGroupID: groupID, UserID: approver });
  const rule = await ApprovalRules.Create(buyerID, { ID: ruleID, Name: 'Over 100', ApprovingGroupID: groupID, RuleExpression: 'order.Total > 100' });
  for (const [ID, price] of [[lamp, 40], [chair, 25]]) {
    await PriceSchedules.Create({ ID: `ps-${ID}`, Name: `List ${ID}`, PriceBreaks: [{ Quantity: 1, Price: price }] });
    await Products.Create({ ID, Name: `Product ${ID}`, Active: true, DefaultPriceScheduleID: `ps-${ID}`, xp: { Tag: t } });
    await Catalogs.SaveProductAssignment({ CatalogID: buyerID, ProductID: ID });
  }
  const storefront = await ctx.createPublicClient({ AllowSeller: false, AllowAnyBuyer: true });
  const login = async (username) => {
    const token = await Auth.Login(username, password, storefront.ID, ['Shopper', 'MeAdmin']);
    Tokens.SetAccessToken(token.access_token);
  };

  await login(shopper);
  const mark = ctx.requests.length;
  const created = await Orders.Create('Outgoing', { ID: orderID, Comments: 'first order', xp: { Tag: t, PO: '123' } });
  const lampLine = await LineItems.Create('Outgoing', orderID, { ProductID: lamp, Quantity: 3 });
  const chairLine = await LineItems.Create('Outgoing', orderID, { ID: 'chair-line', ProductID: chair, Quantity: 2 });
  const lines = await LineItems.List('Outgoing', orderID, { sortBy: ['ProductID'] });
  const validated = await Orders.Validate('Outgoing', orderID);
  const submitted = await Orders.Submit('Outgoing', orderID);
  const pending = await Orders.ListApprovals('Outgoing', orderID);
  const ownApproval = await failure(Orders.Approve('Outgoing', orderID, { Comments: 'mine' }));
  const shopperApprovable = await Me.ListApprovableOrders();
  const shopperPaths = ctx.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.status}`);

  await login(approver);
  const approvable = await Me.ListApprovableOrders();
  const seenByApprover = await Orders.Get('Outgoing', orderID);
  const approved = await Orders.Approve('Outgoing', orderID, { Comments: 'Looks fine', AllowResubmit: false });
  const approvableAfter = await Me.ListApprovableOrders();

  await login(shopper);
  const mine = await Me.ListOrders({ filters: { xp: { Tag: t } } });
  const mineOpen = await Me.ListOrders({ filters: { Status: 'Open|Completed' } });
  const approvals = await Orders.ListApprovals('Outgoing', orderID);
  const got = await Orders.Get('Outgoing', orderID);

  await ctx.adminLogin();
  const incoming = await Orders.Get('Incoming', orderID);
  const incomingList = await Orders.List('Incoming', { buyerID, filters: { xp: { Tag: t } } });

  return {
    rule: { ID: rule.ID, ApprovingGroupID: rule.ApprovingGroupID, RuleExpression: rule.RuleExpression },
    created: order(created),
    lines: { created: [line(lampLine), line(chairLine)], listed: lines.Items.map(line), TotalCount: lines.Meta.TotalCount },
    validated: validated ?? null,
    submitted: order(submitted),
    pending: pending.Items.map(approval),
    ownApproval: { status: ownApproval.status, errorCode: ownApproval.errorCode },
    shopperApprovable: ids(shopperApprovable),
    approvable: ids(approvable),
    seenByApprover: order(seenByApprover),
    approved: order(approved),
    approvableAfter: ids(approvableAfter),
    mine: mine.Items.map(order),
    mineOpen: ids(mineOpen),
    approvals: approvals.Items.map(approval),
    got: order(got),
    incoming: order(incoming),
    incomingList: ids(incomingList),
    shopperPaths,
  };
}
