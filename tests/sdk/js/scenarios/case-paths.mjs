// Paths the SDK spells with capitals: ApiClients.DeleteBuyerAssignment sends
// DELETE /v1/buyers/{buyerID}/ApiClients/Assignments/{apiClientID} (and the supplier twin); Mercato's routes
// match literal segments case-insensitively.
import { ApiClients, Buyers } from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

export default async function (ctx) {
  await ctx.adminLogin();
  const client = await ctx.createPublicClient();
  const BuyerID = `cb-${ctx.tag}`;
  const SupplierID = `cs-${ctx.tag}`; // suppliers do not exist yet and are not checked: create one when they are
  await Buyers.Create({ ID: BuyerID, Name: BuyerID, Active: true });
  await ApiClients.SaveAssignment({ ApiClientID: client.ID, BuyerID });
  await ApiClients.SaveAssignment({ ApiClientID: client.ID, SupplierID });
  const before = await ApiClients.ListAssignments({ apiClientID: client.ID });
  const mark = ctx.requests.length;
  await ApiClients.DeleteBuyerAssignment(client.ID, BuyerID);
  await ApiClients.DeleteSupplierAssignment(client.ID, SupplierID);
  const sent = ctx.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.status}`);
  const after = await ApiClients.ListAssignments({ apiClientID: client.ID });
  const again = await failure(ApiClients.DeleteBuyerAssignment(client.ID, BuyerID));
  return {
    clientID: client.ID,
    before: before.Items.length,
    sent,
    after: after.Items.length,
    again: { status: again.status, errorCode: again.errorCode },
  };
}
