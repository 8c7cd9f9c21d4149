// AdminAddresses: Create, Get, Save, Patch, List (filtered on xp and a field), Delete.
import { AdminAddresses } from 'ordercloud-javascript-sdk';
import { failure } from '../lib.mjs';

export default async function (ctx) {
  await ctx.adminLogin();
  const id = `addr-${ctx.tag}`;
  const body = {
    ID: id,
    AddressName: 'Head office',
    CompanyName: 'Mercato',
    Street1: '1 Main St',
    City: 'Minneapolis',
    State: 'MN',
    Zip: '55401',
    Country: 'US',
    xp: { Tag: ctx.tag, Dock: 4 },
  };
  const created = await AdminAddresses.Create(body);
  const got = await AdminAddresses.Get(id);
  const saved = await AdminAddresses.Save(id, { ...body, Street2: 'Suite 200' });
  const patched = await AdminAddresses.Patch(id, { City: 'St Paul', xp: { Dock: 5 } });
  const other = await AdminAddresses.Create({ ...body, ID: `${id}-b`, City: 'Duluth', xp: { Tag: ctx.tag, Dock: 1 } });
  const listed = await AdminAddresses.List({ filters: { xp: { Tag: ctx.tag, Dock: '>2' } }, sortBy: ['City'] });
  const byCity = await AdminAddresses.List({ filters: { 'xp.Tag': ctx.tag, City: 'Dul*' } });
  await AdminAddresses.Delete(id);
  await AdminAddresses.Delete(other.ID);
  const gone = await failure(AdminAddresses.Get(id));
  const addr = (a) => ({ ID: a.ID, Street1: a.Street1, Street2: a.Street2, City: a.City, State: a.State, Country: a.Country, xp: a.xp });
  return {
    created: addr(created),
    got: addr(got),
    saved: addr(saved),
    patched: addr(patched),
    listed: listed.Items.map((a) => a.ID),
    byCity: byCity.Items.map((a) => a.ID),
    gone: { status: gone.status, errorCode: gone.errorCode, message: gone.message },
  };
}
