// What a buyer user sees of the catalog (SEMANTICS.md §3.1-3.3). A new buyer (its default catalog, with the
// buyer's ID, shows everything in it) and a second catalog assigned with ViewAllProducts false; in that catalog a
// root category assigned to the buyer with ViewAllProducts true and a child category that inherits it. Products:
// `lamp` (root category; a group-level ProductAssignment prices it with another schedule), `chair` (no category;
// a buyer-level ProductAssignment without a schedule), `sofa` (child category), `rug` (default catalog) and
// `hidden` (in the catalog, nowhere else). The shopper, member of the group, logs in through a storefront client
// and reads Me.ListProducts (catalogID, categoryID + depth, xp filter, search, Meta.Facets of a ProductFacet on
// xp.Color), Me.GetProduct, Me.ListSpecs/GetSpec/ListVariants/GetVariant, Me.ListCatalogs, Me.ListCategories.
import {
  Auth,
  Buyers,
  Catalogs,
  Categories,
  Me,
  PriceSchedules,
  ProductFacets,
  Products,
  SecurityProfiles,
  Specs,
  Tokens,
  UserGroups,
  Users,
} from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

const ids = (page) => page.Items.map((item) => item.ID);
const priced = (page) => page.Items.map((p) => ({ ID: p.ID, PriceSchedule: p.PriceSchedule?.ID ?? null }));
const breaks = (schedule) => schedule.PriceBreaks.map((b) => [b.Quantity, b.Price]);

export default async function (ctx) {
  await ctx.adminLogin();
  const t = ctx.tag;
  const buyerID = `mb-${t}`; // also the ID of its default catalog
  const catalogID = `mc-${t}`;
  const [root, child] = [`mk1-${t}`, `mk2-${t}`];
  const [shopper, groupID, profile] = [`ms-${t}`, `mg-${t}`, `mpr-${t}`];
  const [listPrice, groupPrice] = [`mps1-${t}`, `mps2-${t}`];
  const product = { lamp: `mp1-${t}`, chair: `mp2-${t}`, hidden: `mp3-${t}`, sofa: `mp4-${t}`, rug: `mp5-${t}` };
  const specID = `msp-${t}`;
  const facetID = `mf-${t}`;
  const password = 'Shopper-Passw0rd!';

  const buyer = await Buyers.Create({ ID: buyerID, Name: `Shop ${t}`, Active: true });
  await Users.Create(buyerID, { ID: shopper, Username: shopper, Password: password, FirstName: 'Sam', LastName: t, Email: `${shopper}@example.com`, Active: true });
  await UserGroups.Create(buyerID, { ID: groupID, Name: `Members ${t}` });
  await UserGroups.SaveUserAssignment(buyerID, { UserGroupID: groupID, UserID: shopper });
  await SecurityProfiles.Create({ ID: profile, Name: profile, Roles: ['Shopper', 'MeAdmin'] });
  await SecurityProfiles.SaveAssignment({ SecurityProfileID: profile, BuyerID: buyerID });

  await PriceSchedules.Create({ ID: listPrice, Name: 'List', PriceBreaks: [{ Quantity: 1, Price: 10 }, { Quantity: 10, Price: 8 }] });
  await PriceSchedules.Create({ ID: groupPrice, Name: 'Members', PriceBreaks: [{ Quantity: 1, Price: 7 }] });
  const made = [
    [product.lamp, `Red lamp ${t}`, 'Red'],
    [product.chair, `Blue chair ${t}`, 'Blue'],
    [product.hidden, `Hidden lamp ${t}`, 'Red'],
    [product.sofa, `Red sofa ${t}`, 'Red'],
    [product.rug, `Green rug ${t}`, 'Green'],
  ];
  for (const [ID, Name, Color] of made) {
    await Products.Create({ ID, Name, Active: true, DefaultPriceScheduleID: listPrice, xp: { Tag: t, Color } });
  }

  await Catalogs.Create({ ID: catalogID, Name: `Range ${t}`, Active: true });
  await Catalogs.SaveAssignment({ CatalogID: catalogID, BuyerID: buyerID, ViewAllProducts: false, ViewAllCategories: true });
  await Categories.Create(catalogID, { ID: root, Name: `Living ${t}`, Active: true });
  await Categories.Create(catalogID, { ID: child, Name: `Sofas ${t}`, Active: true, ParentID: root });
  await Categories.SaveAssignment(catalogID, { CategoryID: root, BuyerID: buyerID, ViewAllProducts: true });
  for (const ProductID of [product.lamp, product.chair, product.hidden, product.sofa]) {
    await Catalogs.SaveProductAssignment({ CatalogID: catalogID, ProductID });
  }
  await Catalogs.SaveProductAssignment({ CatalogID: buyer.DefaultCatalogID, ProductID: product.rug });
  await Categories.SaveProductAssignment(catalogID, { CategoryID: root, ProductID: product.lamp });
  await Categories.SaveProductAssignment(catalogID, { CategoryID: child, ProductID: product.sofa });
  await Products.SaveAssignment({ ProductID: product.chair, BuyerID: buyerID });
  await Products.SaveAssignment({ ProductID: product.lamp, BuyerID: buyerID, UserGroupID: groupID, PriceScheduleID: groupPrice });

  await Specs.Create({ ID: specID, Name: 'Shade', DefinesVariant: true, Required: true });
  await Specs.CreateOption(specID, { ID: 'Warm', Value: 'Warm white', ListOrder: 1 });
  await Specs.CreateOption(specID, { ID: 'Cool', Value: 'Cool white', ListOrder: 2, PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 1.5 });
  await Specs.SaveProductAssignment({ SpecID: specID, ProductID: product.lamp });
  await Products.GenerateVariants(product.lamp, {});

  // ProductFacet.XpPath is unique in the marketplace: the facet on xp.Color lives only as long as this scenario.
  await ProductFacets.Create({ ID: facetID, Name: `Color ${t}`, XpPath: 'Color' });
  try {
    const storefront = await ctx.createPublicClient({ AllowSeller: false, AllowAnyBuyer: true });
    const login = await Auth.Login(shopper, password, storefront.ID, ['Shopper', 'MeAdmin']);
    Tokens.SetAccessToken(login.access_token);
    const mark = ctx.requests.length;

    const all = await Me.ListProducts();
    const lamp = await Me.GetProduct(product.lamp);
    const chair = await Me.GetProduct(product.chair);
    const lists = {
      inCatalog: await Me.ListProducts({ catalogID }),
      inDefaultCatalog: await Me.ListProducts({ catalogID: buyerID }),
      inRoot: await Me.ListProducts({ catalogID, categoryID: root }),
      inRootOnly: await Me.ListProducts({ catalogID, categoryID: root, depth: '1' }),
      inChild: await Me.ListProducts({ catalogID, categoryID: child }),
      red: await Me.ListProducts({ filters: { xp: { Color: 'Red' } } }),
      searched: await Me.ListProducts({ search: 'lamp' }),
      searchedRed: await Me.ListProducts({ search: 'red', filters: { xp: { Color: 'Red' } }, sortBy: ['!ID'] }),
    };
    const specs = await Me.ListSpecs(product.lamp);
    const spec = await Me.GetSpec(product.lamp, specID);
    const variants = await Me.ListVariants(product.lamp, { sortBy: ['ID'] });
    const variant = await Me.GetVariant(product.lamp, `${product.lamp}-Cool`);
    const catalogs = await Me.ListCatalogs({ sortBy: ['ID'] });
    const categories = {
      defaultCatalog: await Me.ListCategories(),
      topLevel: await Me.ListCategories({ catalogID }),
      allLevels: await Me.ListCategories({ catalogID, depth: 'all' }),
      ofSofa: await Me.ListCategories({ catalogID, depth: 'all', productID: product.sofa }),
    };
    const hidden = {
      product: await failure(Me.GetProduct(product.hidden)),
      variants: await failure(Me.ListVariants(product.hidden)),
    };
    const paths = ctx.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.status}`);

    const facet = (page) => {
      const found = page.Meta.Facets.find((f) => f.Name === `Color ${t}`);
      return found && { XpPath: found.XpPath, Values: found.Values };
    };
    const option = (o) => ({ ID: o.ID, Value: o.Value, PriceMarkupType: o.PriceMarkupType, PriceMarkup: o.PriceMarkup });
    return {
      buyer: { ID: buyer.ID, DefaultCatalogID: buyer.DefaultCatalogID },
      all: { items: priced(all), TotalCount: all.Meta.TotalCount, facet: facet(all) },
      lamp: { ID: lamp.ID, PriceSchedule: lamp.PriceSchedule.ID, breaks: breaks(lamp.PriceSchedule), xp: lamp.xp },
      lampListed: breaks(all.Items.find((p) => p.ID === product.lamp).PriceSchedule),
      chair: { ID: chair.ID, PriceSchedule: chair.PriceSchedule.ID, breaks: breaks(chair.PriceSchedule) },
      counts: { SpecCount: lamp.SpecCount, VariantCount: lamp.VariantCount },
      lists: Object.fromEntries(Object.entries(lists).map(([name, page]) => [name, ids(page)])),
      redFacet: facet(lists.red),
      specs: specs.Items.map((s) => ({ ID: s.ID, Options: s.Options.map(option) })),
      spec: { ID: spec.ID, Name: spec.Name, DefinesVariant: spec.DefinesVariant, OptionCount: spec.OptionCount },
      variants: ids(variants),
      variant: { ID: variant.ID, Specs: variant.Specs },
      catalogs: ids(catalogs),
      categories: Object.fromEntries(Object.entries(categories).map(([name, page]) => [name, ids(page)])),
      rootChildCount: categories.topLevel.Items[0]?.ChildCount ?? null,
      hidden: Object.fromEntries(
        Object.entries(hidden).map(([name, f]) => [name, { status: f.status, errorCode: f.errorCode, message: f.message }]),
      ),
      paths,
    };
  } finally {
    await ctx.adminLogin();
    await ProductFacets.Delete(facetID);
  }
}
