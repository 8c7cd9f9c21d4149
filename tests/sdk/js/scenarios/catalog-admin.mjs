// The marketplace owner sets up a catalog: PriceSchedules.Create (+ SavePriceBreak), Products.Create (a default
// price schedule, xp.Color), Catalogs.Create, Categories.Create (a root and a child), Catalogs.SaveAssignment to a
// buyer (ViewAllProducts false, ViewAllCategories true), Catalogs.SaveProductAssignment and
// Categories.SaveProductAssignment, a variant spec (DefinesVariant + Required) with two SpecOptions (one with an
// AmountPerQuantity markup), Specs.SaveProductAssignment and Products.GenerateVariants; then what the reads show:
// Products.Get (SpecCount, VariantCount), ListVariants, Products.List with an xp filter, a search and
// catalogID/categoryID, Categories.List with depth, and the assignment lists.
import { Buyers, Catalogs, Categories, PriceSchedules, Products, Specs } from 'ordercloud-javascript-sdk';

const ids = (page) => page.Items.map((item) => item.ID);

export default async function (ctx) {
  await ctx.adminLogin();
  const t = ctx.tag;
  const [schedule, lamp, chair, catalogID, root, child, buyerID, specID] = [
    `cps-${t}`,
    `cp1-${t}`,
    `cp2-${t}`,
    `cc-${t}`,
    `ck1-${t}`,
    `ck2-${t}`,
    `cb-${t}`,
    `cs-${t}`,
  ];

  const scheduleCreated = await PriceSchedules.Create({
    ID: schedule,
    Name: `Tiers ${t}`,
    PriceBreaks: [{ Quantity: 1, Price: 10 }],
  });
  const scheduleWithBreak = await PriceSchedules.SavePriceBreak(schedule, { Quantity: 10, Price: 8 });
  const lampCreated = await Products.Create({
    ID: lamp,
    Name: `Desk lamp ${t}`,
    Active: true,
    DefaultPriceScheduleID: schedule,
    xp: { Tag: t, Color: 'Red' },
  });
  await Products.Create({ ID: chair, Name: `Office chair ${t}`, Active: true, xp: { Tag: t, Color: 'Blue' } });

  const catalogCreated = await Catalogs.Create({ ID: catalogID, Name: `Catalog ${t}`, Active: true });
  const rootCreated = await Categories.Create(catalogID, { ID: root, Name: `Lighting ${t}`, Active: true });
  const childCreated = await Categories.Create(catalogID, { ID: child, Name: `Desk ${t}`, Active: true, ParentID: root });
  await Buyers.Create({ ID: buyerID, Name: `Catalog buyer ${t}`, Active: true });
  await Catalogs.SaveAssignment({ CatalogID: catalogID, BuyerID: buyerID, ViewAllProducts: false, ViewAllCategories: true });
  for (const ProductID of [lamp, chair]) await Catalogs.SaveProductAssignment({ CatalogID: catalogID, ProductID });
  await Categories.SaveProductAssignment(catalogID, { CategoryID: child, ProductID: lamp });

  const specCreated = await Specs.Create({ ID: specID, Name: 'Size', DefinesVariant: true, Required: true, ListOrder: 1 });
  const small = await Specs.CreateOption(specID, { ID: 'S', Value: 'Small', ListOrder: 1 });
  const large = await Specs.CreateOption(specID, {
    ID: 'L',
    Value: 'Large',
    ListOrder: 2,
    PriceMarkupType: 'AmountPerQuantity',
    PriceMarkup: 2.5,
  });
  await Specs.SaveProductAssignment({ SpecID: specID, ProductID: lamp });
  const mark = ctx.requests.length;
  const generated = await Products.GenerateVariants(lamp, {});
  const lampGot = await Products.Get(lamp);
  const specGot = await Specs.Get(specID);
  const variants = await Products.ListVariants(lamp, { sortBy: ['ID'] });
  const variantGot = await Products.GetVariant(lamp, `${lamp}-L`);

  const red = await Products.List({ filters: { xp: { Tag: t, Color: 'Red' } } });
  const notRed = await Products.List({ filters: { xp: { Tag: t, Color: '!Red' } } });
  const searched = await Products.List({ search: 'lamp', filters: { xp: { Tag: t } } });
  const inCatalog = await Products.List({ catalogID, sortBy: ['ID'] });
  const inCategory = await Products.List({ catalogID, categoryID: child });
  const topLevel = await Categories.List(catalogID);
  const allLevels = await Categories.List(catalogID, { depth: 'all', sortBy: ['ID'] });
  const catalogGot = await Catalogs.Get(catalogID);
  const rootGot = await Categories.Get(catalogID, root);
  const catalogAssignments = await Catalogs.ListAssignments({ catalogID });
  const productAssignments = await Catalogs.ListProductAssignments({ catalogID });
  const categoryAssignments = await Categories.ListProductAssignments(catalogID, { categoryID: child });
  const specAssignments = await Specs.ListProductAssignments({ filters: { SpecID: specID } });
  const paths = ctx.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.status}`);

  const breaks = (s) => s.PriceBreaks.map((b) => [b.Quantity, b.Price]);
  const option = (o) => ({ ID: o.ID, Value: o.Value, PriceMarkupType: o.PriceMarkupType, PriceMarkup: o.PriceMarkup });
  const counts = (p) => ({ SpecCount: p.SpecCount, VariantCount: p.VariantCount });
  return {
    schedule: { created: breaks(scheduleCreated), withBreak: breaks(scheduleWithBreak), ID: scheduleWithBreak.ID },
    lamp: {
      created: { ...counts(lampCreated), DefaultPriceScheduleID: lampCreated.DefaultPriceScheduleID, xp: lampCreated.xp },
      generated: counts(generated),
      got: { ...counts(lampGot), DefaultPriceScheduleID: lampGot.DefaultPriceScheduleID, xp: lampGot.xp },
    },
    catalog: { created: { ID: catalogCreated.ID, Active: catalogCreated.Active }, CategoryCount: catalogGot.CategoryCount },
    categories: {
      root: { ID: rootCreated.ID, ParentID: rootCreated.ParentID, ChildCount: rootGot.ChildCount },
      child: { ID: childCreated.ID, ParentID: childCreated.ParentID },
      topLevel: ids(topLevel),
      allLevels: ids(allLevels),
    },
    spec: {
      created: { DefinesVariant: specCreated.DefinesVariant, Required: specCreated.Required },
      options: [option(small), option(large)],
      got: { OptionCount: specGot.OptionCount, Options: specGot.Options.map(option) },
    },
    variants: variants.Items.map((v) => ({ ID: v.ID, Active: v.Active, Specs: v.Specs })),
    variantGot: { ID: variantGot.ID, Specs: variantGot.Specs },
    lists: {
      red: ids(red),
      notRed: ids(notRed),
      searched: ids(searched),
      inCatalog: ids(inCatalog),
      inCategory: ids(inCategory),
    },
    assignments: {
      catalog: catalogAssignments.Items,
      products: productAssignments.Items,
      category: categoryAssignments.Items,
      spec: specAssignments.Items,
    },
    paths,
  };
}
