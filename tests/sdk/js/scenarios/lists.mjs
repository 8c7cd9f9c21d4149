// List options as the SDK serialises them (filters first, nested xp objects dotted, arrays repeated, values
// encodeURIComponent'ed; then search, searchOn, sortBy, page, pageSize), on AdminUsers scoped by xp.Tag.
import { AdminUsers } from 'ordercloud-javascript-sdk';

const PEOPLE = [
  ['Smith', 'Ann', 'red', 1],
  ['Smithers', 'Bob', 'blue', 2],
  ['Smyth', 'Cy', 'red', 3],
  ['Jones', 'Di', 'green', 4],
  ['Brown', 'Ed', 'blue', 5],
];

export default async function (ctx) {
  await ctx.adminLogin();
  const tag = ctx.tag;
  for (const [LastName, FirstName, Color, Rank] of PEOPLE) {
    const id = `l-${LastName.toLowerCase()}-${tag}`;
    await ctx.createAdminUser(id, { LastName, FirstName, xp: { Tag: tag, Color, Rank, Dims: { Width: Rank * 10 } } });
  }
  const mine = { xp: { Tag: tag } };
  const names = (page) => page.Items.map((u) => u.LastName);
  const queries = {
    wildcardSortedDesc: { filters: { ...mine, LastName: 'Smi*' }, sortBy: ['!LastName'] },
    xpEquals: { filters: { xp: { Tag: tag, Color: 'red' } } },
    xpNegated: { filters: { xp: { Tag: tag, Color: '!red' } }, sortBy: ['LastName'] },
    or: { filters: { ...mine, LastName: 'Jones|Brown' } },
    orWildcards: { filters: { ...mine, LastName: 'Smy*|*own' } },
    repeatedKeyIsAnd: { filters: { ...mine, LastName: ['!Smith', '!Jones'] }, sortBy: ['LastName'] },
    greaterThan: { filters: { ...mine, 'xp.Rank': '>3' } },
    nestedXpLessThan: { filters: { xp: { Tag: tag, Dims: { Width: '<25' } } }, sortBy: ['LastName'] },
    inclusiveBound: { filters: { xp: { Tag: tag, Rank: '!<4' } }, sortBy: ['!xp.Rank'] },
    search: { search: 'smith', searchOn: ['LastName'], filters: mine },
    searchXp: { search: 'green', searchOn: ['xp.Color'], filters: mine },
    multiSort: { filters: mine, sortBy: ['xp.Color', '!LastName'] },
    page2: { filters: mine, sortBy: ['LastName'], page: 2, pageSize: 2 },
    lastPage: { filters: mine, sortBy: ['LastName'], page: 3, pageSize: 2 },
  };
  const results = {};
  for (const [name, options] of Object.entries(queries)) {
    const page = await AdminUsers.List(options);
    results[name] = { names: names(page), Meta: page.Meta };
  }
  return {
    results,
    queryStrings: ctx.requests.filter((r) => r.method === 'GET').map((r) => r.path.split('?')[1] ?? ''),
  };
}
