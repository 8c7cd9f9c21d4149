// A buyer user's view of its organisation. The marketplace owner assigns the buyer's addresses (IsShipping /
// IsBilling at buyer, group and user level), cost centers, credit cards and spending accounts (AllowExceed, one
// expired) and lists the assignments by level; one security profile at buyer level (the Me roles and a one-attempt
// lockout) and one at group level (AddressReader, CostCenterReader). The buyer user logs in through a secret-less
// client: a wrong password locks the account and Users.UnlockUserAccount lets it in again. Through Me: Get,
// ListAddresses (+ CreateAddress), ListCostCenters, ListCreditCards (+ CreateCreditCard), ListSpendingAccounts,
// ListUserGroups; 404 for another buyer's routes, 403 for admin-only operations. Then impersonation (beyond
// buyer-shopper.mjs): ImpersonationConfigs Create/Get/List/Patch/Delete limited to the group, Users.GetAccessToken
// and Me.As() on the same views with only the config's roles, assignments deleted (DeleteAssignment), and
// Users.RevokeUserTokens ending both the user's and the impersonation session.
import {
  Addresses,
  Auth,
  Buyers,
  CostCenters,
  CreditCards,
  ImpersonationConfigs,
  Me,
  SecurityProfiles,
  SpendingAccounts,
  Tokens,
  UserGroups,
  Users,
} from 'ordercloud-javascript-sdk';
import { claims, failure } from '../lib.mjs';

const code = (f) => `${f.status} ${f.errorCode}`;
const ids = (page) => page.Items.map((item) => item.ID);
const flags = (page) => page.Items.map((a) => ({ ID: a.ID, Shipping: a.Shipping, Billing: a.Billing, Editable: a.Editable }));
const editable = (page) => page.Items.map((c) => ({ ID: c.ID, Editable: c.Editable }));
const balances = (page) => page.Items.map((s) => ({ ID: s.ID, Balance: s.Balance }));

export default async function (ctx) {
  await ctx.adminLogin();
  const t = ctx.tag;
  const buyerID = `bm-${t}`;
  const otherBuyerID = `bm2-${t}`;
  const [shopper, colleague, groupID] = [`bms-${t}`, `bmc-${t}`, `bmg-${t}`];
  const password = 'Buyer-Passw0rd!';
  await Buyers.Create({ ID: buyerID, Name: `Me org ${t}`, Active: true });
  await Buyers.Create({ ID: otherBuyerID, Name: `Other org ${t}`, Active: true });
  for (const id of [shopper, colleague]) {
    await Users.Create(buyerID, { ID: id, Username: id, Password: password, FirstName: 'Sam', LastName: t, Email: `${id}@example.com`, Active: true });
  }
  await UserGroups.Create(buyerID, { ID: groupID, Name: `Buyers ${t}` });
  await UserGroups.SaveUserAssignment(buyerID, { UserGroupID: groupID, UserID: shopper });

  // Addresses: `both` reaches the shopper twice (buyer: shipping, group: billing), `billing` through the shopper
  // itself; the colleague's, an unassigned one and the other buyer's never reach it.
  const street = { Street1: '1 Main St', City: 'Minneapolis', State: 'MN', Zip: '55401', Country: 'US' };
  const address = { both: `bma1-${t}`, billing: `bma2-${t}`, colleague: `bma3-${t}`, unassigned: `bma4-${t}` };
  const names = { both: 'Dock', billing: 'Head office', colleague: 'Annex', unassigned: 'Warehouse' };
  for (const [key, ID] of Object.entries(address)) await Addresses.Create(buyerID, { ID, AddressName: names[key], ...street });
  const otherAddress = `bma5-${t}`;
  await Addresses.Create(otherBuyerID, { ID: otherAddress, AddressName: 'Elsewhere', ...street });
  await Addresses.SaveAssignment(otherBuyerID, { AddressID: otherAddress, IsShipping: true, IsBilling: true });
  await Addresses.SaveAssignment(buyerID, { AddressID: address.both, IsShipping: true });
  await Addresses.SaveAssignment(buyerID, { AddressID: address.both, UserGroupID: groupID, IsBilling: true });
  await Addresses.SaveAssignment(buyerID, { AddressID: address.billing, UserID: shopper, IsBilling: true });
  await Addresses.SaveAssignment(buyerID, { AddressID: address.colleague, UserID: colleague, IsShipping: true, IsBilling: true });
  const addressAssignments = {
    Company: (await Addresses.ListAssignments(buyerID, { level: 'Company' })).Items,
    Group: (await Addresses.ListAssignments(buyerID, { level: 'Group' })).Items,
    User: (await Addresses.ListAssignments(buyerID, { level: 'User', isBilling: true })).Items,
    shopper: (await Addresses.ListAssignments(buyerID, { userID: shopper })).Items,
  };

  // Cost centers: one for the whole buyer, one for the group, one for nobody.
  const costCenter = { buyer: `bmk1-${t}`, group: `bmk2-${t}`, unassigned: `bmk3-${t}` };
  for (const [key, ID] of Object.entries(costCenter)) await CostCenters.Create(buyerID, { ID, Name: `Cost ${key}` });
  await CostCenters.SaveAssignment(buyerID, { CostCenterID: costCenter.buyer });
  await CostCenters.SaveAssignment(buyerID, { CostCenterID: costCenter.group, UserGroupID: groupID });
  const costCenterAssignments = {
    Group: (await CostCenters.ListAssignments(buyerID, { level: 'Group' })).Items,
    Company: (await CostCenters.ListAssignments(buyerID, { level: 'Company' })).Items,
  };

  // Credit cards: the group's, the colleague's, and an unassigned one.
  const card = { group: `bmcc1-${t}`, colleague: `bmcc2-${t}`, unassigned: `bmcc3-${t}` };
  for (const [key, ID] of Object.entries(card)) {
    await CreditCards.Create(buyerID, { ID, Token: `tok_${key}_${t}`, CardType: 'Visa', PartialAccountNumber: '4242', CardholderName: key });
  }
  await CreditCards.SaveAssignment(buyerID, { CreditCardID: card.group, UserGroupID: groupID });
  await CreditCards.SaveAssignment(buyerID, { CreditCardID: card.colleague, UserID: colleague });
  const creditCardAssignments = (await CreditCards.ListAssignments(buyerID, { level: 'User' })).Items;

  // Spending accounts: the shopper's own (may exceed), the group's, and an expired one for the whole buyer.
  const account = { own: `bmsa1-${t}`, group: `bmsa2-${t}`, expired: `bmsa3-${t}` };
  await SpendingAccounts.Create(buyerID, { ID: account.own, Name: 'Own', Balance: 50, AllowAsPaymentMethod: true });
  await SpendingAccounts.Create(buyerID, { ID: account.group, Name: 'Team', Balance: 20.25, StartDate: '2020-01-01T00:00:00Z' });
  await SpendingAccounts.Create(buyerID, {
    ID: account.expired,
    Name: 'Old',
    Balance: 10,
    StartDate: '2020-01-01T00:00:00Z',
    EndDate: '2021-01-01T00:00:00Z',
  });
  await SpendingAccounts.SaveAssignment(buyerID, { SpendingAccountID: account.own, UserID: shopper, AllowExceed: false });
  await SpendingAccounts.SaveAssignment(buyerID, { SpendingAccountID: account.own, UserID: shopper, AllowExceed: true }); // updates
  await SpendingAccounts.SaveAssignment(buyerID, { SpendingAccountID: account.group, UserGroupID: groupID });
  await SpendingAccounts.SaveAssignment(buyerID, { SpendingAccountID: account.expired });
  const spendingAccountAssignments = {
    own: (await SpendingAccounts.ListAssignments(buyerID, { spendingAccountID: account.own })).Items,
    Company: (await SpendingAccounts.ListAssignments(buyerID, { level: 'Company' })).Items,
  };

  // Security profiles: the Me roles (and a one-attempt lockout) for the buyer, reader roles for the group.
  const [buyerProfile, groupProfile, impersonationProfile] = [`bmp1-${t}`, `bmp2-${t}`, `bmp3-${t}`];
  await SecurityProfiles.Create({
    ID: buyerProfile,
    Name: buyerProfile,
    Roles: ['Shopper', 'MeAdmin', 'MeAddressAdmin', 'MeCreditCardAdmin'],
    PasswordConfig: { AllowedFailedAttempts: 1 },
  });
  await SecurityProfiles.Create({ ID: groupProfile, Name: groupProfile, Roles: ['AddressReader', 'CostCenterReader'] });
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: buyerProfile, BuyerID: buyerID });
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: groupProfile, BuyerID: buyerID, UserGroupID: groupID });
  const profileAssignments = (await SecurityProfiles.ListAssignments({ buyerID })).Items;
  const storefront = await ctx.createPublicClient({ AllowSeller: false, AllowAnyBuyer: true });
  const adminToken = Tokens.GetAccessToken();

  // The buyer user logs in: one wrong password locks the account until an admin unlocks it.
  const scope = ['Shopper', 'MeAdmin', 'MeAddressAdmin', 'MeCreditCardAdmin', 'AddressReader', 'CostCenterReader', 'BuyerReader'];
  const wrongPassword = await failure(Auth.Login(shopper, 'Wrong-Passw0rd!', storefront.ID, scope));
  const locked = await failure(Auth.Login(shopper, password, storefront.ID, scope));
  await Users.UnlockUserAccount(buyerID, shopper);
  const login = await Auth.Login(shopper, password, storefront.ID, scope);
  Tokens.SetAccessToken(login.access_token);

  const me = await Me.Get();
  const addressesBefore = await Me.ListAddresses();
  const privateAddress = await Me.CreateAddress({ AddressName: 'Home', ...street, City: 'Duluth', ID: 'ignored' });
  const addresses = await Me.ListAddresses();
  const shippingOnly = await Me.ListAddresses({ filters: { Shipping: true } });
  const costCenters = await Me.ListCostCenters();
  const privateCard = await Me.CreateCreditCard({
    Token: `tok_me_${t}`,
    CardType: 'Mastercard',
    PartialAccountNumber: '0005',
    CardholderName: 'Sam',
    ExpirationDate: '2030-06-30T00:00:00Z',
  });
  const cards = await Me.ListCreditCards();
  const spendingAccounts = await Me.ListSpendingAccounts();
  const userGroups = await Me.ListUserGroups();
  const ownBuyerAddresses = await Addresses.List(buyerID); // AddressReader, from the group's profile
  const denied = {
    otherBuyerAddresses: code(await failure(Addresses.List(otherBuyerID))),
    otherBuyerCostCenter: code(await failure(CostCenters.Get(otherBuyerID, costCenter.buyer))),
    otherBuyerAddress: code(await failure(Me.GetAddress(otherAddress))),
    colleagueAddress: code(await failure(Me.GetAddress(address.colleague))),
    expiredAccount: code(await failure(Me.GetSpendingAccount(account.expired))),
    editAssignedAddress: code(await failure(Me.PatchAddress(address.both, { City: 'Elsewhere' }))),
    deleteAssignedCard: code(await failure(Me.DeleteCreditCard(card.group))),
    listBuyers: code(await failure(Buyers.List())),
    listUsers: code(await failure(Users.List(buyerID))),
    listCards: code(await failure(CreditCards.List(buyerID))),
    createBuyer: code(await failure(Buyers.Create({ ID: `bm9-${t}`, Name: 'No' }))),
    impersonationConfigs: code(await failure(ImpersonationConfigs.List())),
  };

  // Impersonation: a config for the group's members, first with the buyer's profile, patched to a narrower one.
  Tokens.SetAccessToken(adminToken);
  await SecurityProfiles.Create({ ID: impersonationProfile, Name: impersonationProfile, Roles: ['Shopper', 'MeAddressAdmin'] });
  const configID = `bmi-${t}`;
  const config = (c) => ({ ID: c.ID, BuyerID: c.BuyerID, GroupID: c.GroupID, UserID: c.UserID, SecurityProfileID: c.SecurityProfileID, ClientID: c.ClientID });
  const configCreated = await ImpersonationConfigs.Create({
    ID: configID,
    BuyerID: buyerID,
    GroupID: groupID,
    SecurityProfileID: buyerProfile,
    ClientID: storefront.ID,
  });
  const configPatched = await ImpersonationConfigs.Patch(configID, { SecurityProfileID: impersonationProfile });
  const configGot = await ImpersonationConfigs.Get(configID);
  const configsListed = await ImpersonationConfigs.List({ filters: { BuyerID: buyerID } });
  const request = { ClientID: storefront.ID, Roles: ['Shopper', 'MeAddressAdmin', 'MeCreditCardAdmin'] };
  const impersonation = await Users.GetAccessToken(buyerID, shopper, request);
  const notInGroup = code(await failure(Users.GetAccessToken(buyerID, colleague, request)));
  Tokens.SetImpersonationToken(impersonation.access_token);
  const as = {
    me: (await Me.As().Get()).Username,
    addresses: flags(await Me.As().ListAddresses()),
    costCenters: ids(await Me.As().ListCostCenters()),
    cards: editable(await Me.As().ListCreditCards()),
    spendingAccounts: ids(await Me.As().ListSpendingAccounts()),
    createCard: code(await failure(Me.As().CreateCreditCard({ Token: `tok_as_${t}` }))),
  };

  // The admin takes assignments away; the impersonated views follow.
  await Addresses.DeleteAssignment(buyerID, address.both); // the buyer-level one: the group's (billing) stays
  await CostCenters.DeleteAssignment(buyerID, costCenter.group, { userGroupID: groupID });
  await CreditCards.DeleteAssignment(buyerID, card.group, { userGroupID: groupID });
  await SpendingAccounts.DeleteAssignment(buyerID, account.own, { userID: shopper });
  const asAfterDelete = {
    addresses: flags(await Me.As().ListAddresses()),
    costCenters: ids(await Me.As().ListCostCenters()),
    cards: editable(await Me.As().ListCreditCards()),
    spendingAccounts: ids(await Me.As().ListSpendingAccounts()),
  };

  await ImpersonationConfigs.Delete(configID);
  const configGone = code(await failure(ImpersonationConfigs.Get(configID)));
  const withoutConfig = code(await failure(Users.GetAccessToken(buyerID, shopper, request)));
  await Users.RevokeUserTokens(buyerID, shopper);
  const revoked = {
    login: code(await failure(Me.Get({ accessToken: login.access_token }))),
    impersonation: code(await failure(Me.As().Get())),
  };

  const impersonationClaims = claims(impersonation.access_token);
  return {
    assignments: {
      addresses: addressAssignments,
      costCenters: costCenterAssignments,
      creditCards: creditCardAssignments,
      spendingAccounts: spendingAccountAssignments,
      securityProfiles: profileAssignments,
    },
    wrongPassword: code(wrongPassword),
    locked: code(locked),
    loginRoles: claims(login.access_token).role,
    me: { ID: me.ID, Buyer: me.Buyer, AvailableRoles: me.AvailableRoles },
    addressesBefore: flags(addressesBefore),
    privateAddress: { ...flags({ Items: [privateAddress] })[0], City: privateAddress.City },
    addresses: flags(addresses),
    shippingOnly: ids(shippingOnly),
    costCenters: ids(costCenters),
    privateCard: { ID: privateCard.ID, Editable: privateCard.Editable, CardType: privateCard.CardType },
    cards: editable(cards),
    spendingAccounts: balances(spendingAccounts),
    userGroups: ids(userGroups),
    ownBuyerAddresses: ids(ownBuyerAddresses),
    denied,
    impersonation: {
      storefront: storefront.ID,
      configCreated: config(configCreated),
      configPatched: config(configPatched),
      configGot: config(configGot),
      configsListed: ids(configsListed),
      usr: impersonationClaims.usr,
      role: impersonationClaims.role,
      hasImp: Boolean(impersonationClaims.imp),
      notInGroup,
      as,
      asAfterDelete,
      configGone,
      withoutConfig,
      revoked,
    },
  };
}
