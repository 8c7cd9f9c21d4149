// What every scenario gets: the server's address and credentials, a record of the HTTP requests the SDK sent,
// and a few helpers. The SDK is a set of process-wide singletons, so each scenario runs in a process of its own.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { ApiClients, AdminUsers, Auth, Configuration, Tokens } from 'ordercloud-javascript-sdk';

// The SDK calls the CommonJS build of axios; `import axios` would load the ESM build, a separate instance.
const axios = createRequire(import.meta.url)('axios');

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (run through pytest, or see the header of run.mjs)`);
  }
  return value;
}

/** Every request the SDK sends: {method, path (with the query string), status (null until answered), usr (of
 * the bearer token sent, if any), grant (token requests only)}. */
function recordRequests() {
  const requests = [];
  axios.interceptors.request.use((config) => {
    const url = new URL(axios.getUri(config)); // with the query string the SDK serialised
    const entry = { method: config.method.toUpperCase(), path: url.pathname + url.search, status: null };
    const bearer = String(config.headers?.Authorization ?? '').replace(/^Bearer\s*/, '');
    if (bearer.split('.').length === 3) entry.usr = claims(bearer).usr; // whose token went out
    if (typeof config.data === 'string' && url.pathname.endsWith('/oauth/token')) {
      entry.grant = new URLSearchParams(config.data).get('grant_type'); // never the credentials themselves
    }
    requests.push(entry);
    config.mercatoEntry = entry;
    return config;
  });
  axios.interceptors.response.use(
    (response) => {
      if (response.config?.mercatoEntry) response.config.mercatoEntry.status = response.status;
      return response;
    },
    (error) => {
      if (error.config?.mercatoEntry && error.response) error.config.mercatoEntry.status = error.response.status;
      return Promise.reject(error);
    },
  );
  return requests;
}

export function context(params) {
  const ctx = {
    baseUrl: required('SDK_BASE_URL'),
    clientId: required('SDK_CLIENT_ID'),
    clientSecret: required('SDK_CLIENT_SECRET'),
    username: required('SDK_USERNAME'),
    password: required('SDK_PASSWORD'),
    params,
    /** Unique per run: put it in every ID, username and filter so scenarios never see each other's data. */
    tag: params.tag ?? randomBytes(4).toString('hex'),
    requests: recordRequests(),
  };
  Configuration.Set({ baseApiUrl: ctx.baseUrl, clientID: ctx.clientId, timeoutInMilliseconds: 20000 });

  /** Client-credentials login as the admin client's default context user; the token is stored in the SDK. */
  ctx.adminLogin = async (scope = ['FullAccess']) => {
    const token = await Auth.ClientCredentials(ctx.clientSecret, ctx.clientId, scope);
    Tokens.SetAccessToken(token.access_token);
    return token;
  };

  /** A second, public API client (no secret), as a front end would use with Auth.Login. Needs an admin token. */
  ctx.createPublicClient = (overrides = {}) =>
    ApiClients.Create({
      AppName: `public ${ctx.tag}`,
      Active: true,
      AllowSeller: true,
      AccessTokenDuration: 600,
      RefreshTokenDuration: 60,
      ...overrides,
    });

  /** An admin user with a password (and no roles unless a security profile is assigned). Needs an admin token. */
  ctx.createAdminUser = (id, overrides = {}) =>
    AdminUsers.Create({
      ID: id,
      Username: id,
      Password: 'Scenario-Passw0rd!',
      FirstName: 'Scenario',
      LastName: ctx.tag,
      Email: `${id}@example.com`,
      Active: true,
      ...overrides,
    });
  return ctx;
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/** The error a call must raise, as plain data; fails the scenario when the call succeeds. */
export async function failure(promise) {
  try {
    const value = await promise;
    throw new Error(`expected an error, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (!error?.isOrderCloudError) throw error;
    return {
      name: error.name,
      status: error.status,
      errorCode: error.errorCode,
      message: error.message,
      errors: error.errors ?? null,
    };
  }
}

export function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** The same token with `exp` an hour ago: the SDK will treat it as expired (its signature no longer matches). */
export function expiredCopy(token) {
  const [header, , signature] = token.split('.');
  const payload = { ...claims(token), exp: Math.floor(Date.now() / 1000) - 3600 };
  return [header, Buffer.from(JSON.stringify(payload)).toString('base64url'), signature].join('.');
}

export function describeError(error) {
  if (error?.isOrderCloudError) {
    const request = error.response?.config;
    const where = request ? ` (${request.method?.toUpperCase()} ${request.url})` : '';
    return `OrderCloudError ${error.status} ${error.errorCode}: ${error.message}${where}; Errors: ${JSON.stringify(error.errors)}`;
  }
  if (error?.isAxiosError) {
    return `${error.message} (${error.config?.method?.toUpperCase()} ${error.config?.url}); body: ${JSON.stringify(error.response?.data)}`;
  }
  return error?.stack ?? String(error);
}
