// A real OpenID Connect provider (oidc-provider 9.13.3) on loopback, for the
// relying-party integration tests. See README.md beside this file.
//
//   node tests/oidc/provider.mjs
//
// stdout: exactly one line, {"issuer":"http://127.0.0.1:PORT"}, once listening.
// stderr: everything else.
// Exits when stdin reaches EOF, and on SIGTERM / SIGINT.

import crypto from 'node:crypto';
import http from 'node:http';
import { format } from 'node:util';

// oidc-provider prints its NOTICEs through console.info (stdout). stdout is
// reserved for the single issuer line, so every console method goes to stderr.
for (const method of ['log', 'info', 'debug', 'warn', 'error', 'trace']) {
  console[method] = (...args) => process.stderr.write(`${format(...args)}\n`);
}

const { default: Provider } = await import('oidc-provider');

const CLIENT_SECRET = 'hamkke-secret';
const CLIENT_IDS = [
  'hamkke',
  'hamkke-badsig',
  'hamkke-expired',
  'hamkke-wrongiss',
  'hamkke-wrongaud',
];
// Registered only to satisfy client metadata validation; the real check is the
// redirectUriAllowed override below.
const PLACEHOLDER_REDIRECT_URI = 'http://127.0.0.1/auth/oidc/placeholder/callback';
const NAVER_PROFILE_PATH = '/naver/v1/nid/me';
const DEFAULT_SCOPE_WITHOUT_SCOPE_PARAM = 'profile';

// http://127.0.0.1:<port>/auth/oidc/<id>/callback or the same on localhost,
// nothing else (no query, no fragment, no userinfo, no extra path segments).
const REDIRECT_URI_RE = /^http:\/\/(?:127\.0\.0\.1|localhost):\d{1,5}\/auth\/oidc\/[A-Za-z0-9._~-]+\/callback$/;

function redirectUriAllowed(value) {
  if (typeof value !== 'string' || !REDIRECT_URI_RE.test(value)) return false;
  const url = URL.parse(value);
  if (!url) return false;
  const port = Number(url.port);
  // The normalised URL must be the same string (rejects e.g. ":0080" tricks).
  return url.href === value && port >= 1 && port <= 65535;
}

// ---------------------------------------------------------------- signing key
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = `hamkke-test-${crypto.randomBytes(4).toString('hex')}`;
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const b64uJson = (obj) => b64u(JSON.stringify(obj));

function resignJwt(jwt, mutate) {
  const [headerPart, payloadPart] = jwt.split('.');
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
  const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  mutate(payload);
  const newHeader = { ...header, alg: 'RS256', kid };
  const signingInput = `${b64uJson(newHeader)}.${b64uJson(payload)}`;
  const signature = crypto.sign('sha256', Buffer.from(signingInput), privateKey);
  return `${signingInput}.${b64u(signature)}`;
}

function corruptSignature(jwt) {
  const [h, p, s] = jwt.split('.');
  const sig = Buffer.from(s, 'base64url');
  // Flip bits in whole bytes (not the last base64 character, whose low bits
  // may be padding) so the result is canonical base64url of different bytes.
  for (const i of [0, Math.floor(sig.length / 2), sig.length - 2]) sig[i] ^= 0xff;
  return `${h}.${p}.${b64u(sig)}`;
}

const TAMPER = {
  'hamkke-badsig': corruptSignature,
  'hamkke-expired': (jwt) => resignJwt(jwt, (payload) => {
    const now = Math.floor(Date.now() / 1000);
    payload.iat = now - 3600 - 60;
    payload.exp = now - 3600;
  }),
  'hamkke-wrongiss': (jwt) => resignJwt(jwt, (payload) => { payload.iss = 'http://evil.example'; }),
  'hamkke-wrongaud': (jwt) => resignJwt(jwt, (payload) => { payload.aud = 'someone-else'; }),
};

// ------------------------------------------------------------------ accounts
function claimsFor(login) {
  const email = login.includes('@') ? login : `${login}@example.test`;
  return {
    sub: login,
    email,
    email_verified: true,
    name: login.split('@')[0],
  };
}

async function findAccount(_ctx, sub) {
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  return {
    accountId: sub,
    async claims() {
      return claimsFor(sub);
    },
  };
}

// No consent screen: whatever OIDC scopes/claims are requested get granted.
async function loadExistingGrant(ctx) {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (!grant) {
    grant = new oidc.provider.Grant({
      clientId: oidc.client.clientId,
      accountId: oidc.session.accountId,
    });
  }
  const scope = [...oidc.requestParamOIDCScopes].join(' ');
  if (scope) grant.addOIDCScope(scope);
  if (oidc.requestParamClaims.size) grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

// -------------------------------------------------------------------- server
let handler = (_req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = http.createServer((req, res) => handler(req, res));
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: CLIENT_IDS.map((client_id) => ({
    client_id,
    client_secret: CLIENT_SECRET,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [PLACEHOLDER_REDIRECT_URI],
    id_token_signed_response_alg: 'RS256',
  })),
  jwks: { keys: [signingJwk] },
  cookies: {
    keys: [crypto.randomBytes(32).toString('hex')],
  },
  pkce: {
    required: () => true,
  },
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Put the scope-derived claims into the ID token itself, not only userinfo.
  conformIdTokenClaims: false,
  findAccount,
  loadExistingGrant,
  features: {
    devInteractions: { enabled: true },
    // No resource indicators: every access token is an opaque userinfo token,
    // stored in the (in-memory) adapter and findable with AccessToken.find().
    resourceIndicators: { enabled: false },
    rpInitiatedLogout: { enabled: false },
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 3600,
    Session: 3600,
    Grant: 3600,
  },
  clientBasedCORS: () => false,
  renderError(ctx, out) {
    ctx.type = 'json';
    ctx.body = out;
  },
});

provider.Client.prototype.redirectUriAllowed = function hamkkeRedirectUriAllowed(value) {
  return redirectUriAllowed(value);
};

// Naver-style plain OAuth 2.0 requests carry no scope at all. oidc-provider
// answers those with access_denied ("no scope was granted"), so an authorization
// request without a (non-empty) scope parameter gets scope=profile: the login
// then works, and the token response has an access token but no id_token.
provider.use(async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/auth' && !ctx.query.scope) {
    ctx.query = { ...ctx.query, scope: DEFAULT_SCOPE_WITHOUT_SCOPE_PARAM };
  }
  return next();
});

// Naver-style OAuth 2.0 profile endpoint.
provider.use(async (ctx, next) => {
  if (ctx.path !== NAVER_PROFILE_PATH) return next();
  const fail = () => {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer realm="naver"');
    ctx.body = { resultcode: '024', message: 'Authentication failed' };
  };
  if (ctx.method !== 'GET') {
    ctx.status = 405;
    ctx.body = { resultcode: '405', message: 'Method not allowed' };
    return undefined;
  }
  const match = /^Bearer ([^\s]+)$/i.exec(ctx.get('authorization') || '');
  if (!match) return fail();
  const token = await provider.AccessToken.find(match[1]);
  if (!token || token.isExpired || !token.accountId) return fail();
  const claims = claimsFor(token.accountId);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = {
    resultcode: '00',
    message: 'success',
    response: { id: claims.sub, email: claims.email, name: claims.name },
  };
  return undefined;
});

// oidc-provider treats client_secret_basic and client_secret_post as one
// family and would accept either; these clients are registered for
// client_secret_basic only, so a token request without HTTP Basic credentials
// is refused before oidc-provider sees it (and before a code is consumed).
provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path === '/token' && !/^Basic\s+\S/i.test(ctx.get('authorization') || '')) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Basic realm="token"');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      error: 'invalid_client',
      error_description: 'client authentication must use HTTP Basic (client_secret_basic)',
    };
    console.error('[oidc] token request without HTTP Basic client authentication refused');
    return undefined;
  }
  return next();
});

// Tampering for failure-path tests, applied to the token endpoint response.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
  const body = ctx.body;
  if (!body || typeof body !== 'object' || typeof body.id_token !== 'string') return;
  const tamper = TAMPER[ctx.oidc.client?.clientId];
  if (tamper) {
    ctx.body = { ...body, id_token: tamper(body.id_token) };
    console.error(`[oidc] tampered id_token for ${ctx.oidc.client.clientId}`);
  }
});

provider.on('server_error', (_ctx, err) => console.error('[oidc] server_error', err));
provider.on('grant.error', (_ctx, err) => console.error('[oidc] grant.error', err.message, err.error_description ?? ''));
provider.on('authorization.error', (_ctx, err) => console.error('[oidc] authorization.error', err.message, err.error_description ?? ''));

handler = provider.callback();

// ------------------------------------------------------------------ lifetime
let stopping = false;
function stop(reason) {
  if (stopping) return;
  stopping = true;
  console.error(`[oidc] stopping (${reason})`);
  server.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.stdin.on('end', () => stop('stdin EOF'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.on('close', () => stop('stdin closed'));
process.stdin.resume();

console.error(`[oidc] listening, issuer ${issuer}`);
process.stdout.write(`${JSON.stringify({ issuer })}\n`);

