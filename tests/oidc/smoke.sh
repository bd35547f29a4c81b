#!/usr/bin/env bash
# Smoke test for tests/oidc/provider.mjs: signs in without a browser (curl +
# cookie jar), exchanges the code with PKCE + client_secret_basic, checks the ID
# token, the Naver-style profile endpoint, code replay, redirect_uri policy and
# the four tampering clients. Exits non-zero on the first failed step.
#
#   bash tests/oidc/smoke.sh        (from any directory)
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
LOG="$WORK/provider.log"
SECRET='hamkke-secret'
RP_PORT=45999
REDIRECT_URI="http://127.0.0.1:${RP_PORT}/auth/oidc/test/callback"

fail() { echo "FAIL: $*" >&2; echo "--- provider log ---" >&2; cat "$LOG" >&2 || true; exit 1; }
ok() { echo "ok: $*"; }

if [ ! -d "$DIR/node_modules/oidc-provider" ]; then
  echo "installing oidc-provider (npm ci)" >&2
  (cd "$DIR" && npm ci --no-audit --no-fund >&2)
fi

# ---------------------------------------------------------------- start it
# coproc keeps the provider's stdin a pipe held by this shell: closing it (or
# this shell dying) is EOF, which makes the provider exit.
coproc PROV { exec node "$DIR/provider.mjs" 2>"$LOG"; }
PROVIDER_PID=$PROV_PID
PROV_IN=${PROV[1]}
PROV_OUT=${PROV[0]}
cleanup() {
  exec {PROV_IN}>&- 2>/dev/null || true
  sleep 0.2
  kill -TERM "$PROVIDER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

read -r -t 15 FIRST_LINE <&"$PROV_OUT" || fail "provider printed no issuer line"
echo "provider: $FIRST_LINE"
ISS="$(node -e 'const o = JSON.parse(process.argv[1]); if (typeof o.issuer !== "string" || Object.keys(o).length !== 1) process.exit(1); process.stdout.write(o.issuer)' -- "$FIRST_LINE")" \
  || fail "first stdout line is not {\"issuer\":...}"
[[ "$ISS" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || fail "issuer has the wrong shape: $ISS"

DISCOVERY="$(curl -sf "$ISS/.well-known/openid-configuration")" || fail "discovery"
node -e '
  const d = JSON.parse(process.argv[1]);
  const iss = process.argv[2];
  const want = { issuer: iss, authorization_endpoint: iss + "/auth", token_endpoint: iss + "/token", jwks_uri: iss + "/jwks" };
  for (const [k, v] of Object.entries(want)) if (d[k] !== v) { console.error(k, d[k]); process.exit(1); }
  if (!d.code_challenge_methods_supported.includes("S256")) process.exit(1);
' -- "$DISCOVERY" "$ISS" || fail "discovery document"
ok "discovery at $ISS/.well-known/openid-configuration"
curl -sf "$ISS/jwks" > "$WORK/jwks.json" || fail "jwks"

# --------------------------------------------------------------- helpers
# JWT checks in node: verify RS256 against the provider's JWKS, print claims.
jwt() { # jwt <mode> <id_token> [expectations as JSON]
  node --input-type=module -e '
    import crypto from "node:crypto";
    import fs from "node:fs";
    const [mode, token, expectJson, jwksPath] = process.argv.slice(1);
    const [h, p, s] = token.split(".");
    const header = JSON.parse(Buffer.from(h, "base64url"));
    const claims = JSON.parse(Buffer.from(p, "base64url"));
    const { keys } = JSON.parse(fs.readFileSync(jwksPath, "utf8"));
    const jwk = keys.find((k) => k.kid === header.kid);
    const valid = !!jwk && header.alg === "RS256" && crypto.verify("sha256", Buffer.from(`${h}.${p}`),
      crypto.createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(s, "base64url"));
    const canonicalSig = Buffer.from(s, "base64url").toString("base64url") === s;
    const now = Math.floor(Date.now() / 1000);
    const expect = JSON.parse(expectJson || "{}");
    const errors = [];
    if (mode === "show") {
      console.log(`  header: ${JSON.stringify(header)}`);
      console.log(`  claims: ${JSON.stringify(claims)}`);
    }
    console.log(`  signature verifies against ${header.kid}: ${valid}; exp-now=${claims.exp - now}s iat-now=${claims.iat - now}s`);
    if (!canonicalSig) errors.push("signature is not canonical base64url");
    if (expect.valid !== undefined && valid !== expect.valid) errors.push(`signature valid=${valid}, wanted ${expect.valid}`);
    for (const [k, v] of Object.entries(expect.claims || {})) {
      if (JSON.stringify(claims[k] ?? null) !== JSON.stringify(v)) errors.push(`${k}=${JSON.stringify(claims[k])}, wanted ${JSON.stringify(v)}`);
    }
    if (expect.expired === true && !(claims.exp <= now - 3500 && claims.iat <= now - 3500)) errors.push("exp/iat not an hour in the past");
    if (expect.expired === false && !(claims.exp > now && claims.iat <= now + 5)) errors.push("exp/iat not current");
    if (errors.length) { console.error(`  ${errors.join("; ")}`); process.exit(1); }
  ' -- "$1" "$2" "${3:-}" "$WORK/jwks.json"
}

json_get() { # json_get <json> <key>   (top-level key, prints "" when absent)
  node -e 'const v = JSON.parse(process.argv[1])[process.argv[2]]; process.stdout.write(v === undefined ? "" : String(v))' -- "$1" "$2"
}

urlparam() { # urlparam <url> <name>
  node -e 'process.stdout.write(new URL(process.argv[1]).searchParams.get(process.argv[2]) ?? "")' -- "$1" "$2"
}

# curl wrapper: prints "<status> <absolute Location or empty>", body to $WORK/body
req() {
  curl -s -o "$WORK/body" -w '%{http_code} %{redirect_url}' "$@"
}

# sign_in <client_id> <login> <scope> <redirect_uri> [no-nonce]
#   -> sets CODE, VERIFIER, NONCE, STATE. An empty scope omits the parameter.
sign_in() {
  local client="$1" login="$2" scope="$3" redirect_uri="$4" nonce_mode="${5:-}"
  local jar="$WORK/jar-$client-$RANDOM"
  VERIFIER="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))')"
  local challenge
  challenge="$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(process.argv[1]).digest("base64url"))' -- "$VERIFIER")"
  STATE="st-$RANDOM$RANDOM"
  NONCE="n-$RANDOM$RANDOM"
  local extra=()
  if [[ " $scope " == *" openid "* && "$nonce_mode" != no-nonce ]]; then
    extra+=(--data-urlencode "nonce=$NONCE")
  else
    NONCE=""
  fi
  if [ -n "$scope" ]; then extra+=(--data-urlencode "scope=$scope"); fi

  # 1. authorization request -> 303 to /interaction/<uid>
  local out status loc
  out="$(req -c "$jar" -b "$jar" -G "$ISS/auth" \
    --data-urlencode "client_id=$client" --data-urlencode response_type=code \
    --data-urlencode "redirect_uri=$redirect_uri" \
    --data-urlencode "state=$STATE" "${extra[@]}" \
    --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256)"
  status="${out%% *}"; loc="${out#* }"
  echo "  GET  /auth?client_id=$client... -> $status $loc"
  [ "$status" = 303 ] && [[ "$loc" == "$ISS/interaction/"* ]] || fail "authorization request: $out $(cat "$WORK/body")"

  # 2. login page
  out="$(req -c "$jar" -b "$jar" "$loc")"; status="${out%% *}"
  local action
  action="$(grep -o '<form[^>]*action="[^"]*"' "$WORK/body" | head -1 | sed 's/.*action="\([^"]*\)".*/\1/')"
  echo "  GET  ${loc#"$ISS"} -> $status (login form action=${action#"$ISS"})"
  [ "$status" = 200 ] && [ "$action" = "$loc" ] || fail "login page: $out"
  grep -q 'name="prompt" value="login"' "$WORK/body" || fail "login form has no prompt=login"

  # 3. post the login form -> 303 to /auth/<uid>
  out="$(req -c "$jar" -b "$jar" "$action" --data-urlencode prompt=login \
    --data-urlencode "login=$login" --data-urlencode password=anything)"
  status="${out%% *}"; loc="${out#* }"
  echo "  POST ${action#"$ISS"} prompt=login login=$login password=... -> $status $loc"
  [ "$status" = 303 ] && [[ "$loc" == "$ISS/auth/"* ]] || fail "login submit: $out $(cat "$WORK/body")"

  # 4. resume -> 303 to the relying party's redirect_uri with code, state, iss
  local resume="$loc"
  out="$(req -c "$jar" -b "$jar" "$resume")"; status="${out%% *}"; loc="${out#* }"
  echo "  GET  ${resume#"$ISS"} -> $status $loc"
  [ "$status" = 303 ] && [[ "$loc" == "$redirect_uri?"* ]] || fail "resume: $out $(cat "$WORK/body")"
  CODE="$(urlparam "$loc" code)"
  [ -n "$CODE" ] || fail "no code in $loc"
  [ "$(urlparam "$loc" state)" = "$STATE" ] || fail "state mismatch in $loc"
  [ "$(urlparam "$loc" iss)" = "$ISS" ] || fail "iss parameter mismatch in $loc"
}

# token <client_id> <code> <redirect_uri> <verifier> -> prints "<status> <body>"
token() {
  local out
  out="$(curl -s -o "$WORK/tok" -w '%{http_code}' -u "$1:$SECRET" "$ISS/token" \
    --data-urlencode grant_type=authorization_code --data-urlencode "code=$2" \
    --data-urlencode "redirect_uri=$3" --data-urlencode "code_verifier=$4")"
  echo "$out $(cat "$WORK/tok")"
}

# ------------------------------------------------------- the normal client
echo "== hamkke: authorization code + PKCE, login citizen1"
sign_in hamkke citizen1 "openid email profile" "$REDIRECT_URI"
ok "redirected to the RP with code, state and iss"
FIRST_CODE="$CODE"; FIRST_VERIFIER="$VERIFIER"

RESP="$(token hamkke "$CODE" "$REDIRECT_URI" "$VERIFIER")"
[ "${RESP%% *}" = 200 ] || fail "token exchange: $RESP"
BODY="${RESP#* }"
ID_TOKEN="$(json_get "$BODY" id_token)"; ACCESS_TOKEN="$(json_get "$BODY" access_token)"
echo "  POST /token (basic auth hamkke, code, redirect_uri, code_verifier) -> 200 token_type=$(json_get "$BODY" token_type) scope=\"$(json_get "$BODY" scope)\" expires_in=$(json_get "$BODY" expires_in)"
[[ "$ACCESS_TOKEN" != *.* ]] || fail "access token is a JWT, wanted opaque"
jwt show "$ID_TOKEN" "{\"valid\":true,\"expired\":false,\"claims\":{\"iss\":\"$ISS\",\"aud\":\"hamkke\",\"sub\":\"citizen1\",\"email\":\"citizen1@example.test\",\"email_verified\":true,\"name\":\"citizen1\",\"nonce\":\"$NONCE\"}}" \
  || fail "ID token claims"
ok "ID token verifies; iss, aud, sub, email, email_verified, name, nonce as expected"

OUT="$(req -H "Authorization: Bearer $ACCESS_TOKEN" "$ISS/naver/v1/nid/me")"
echo "  GET  /naver/v1/nid/me (Bearer) -> ${OUT%% *} $(cat "$WORK/body")"
[ "${OUT%% *}" = 200 ] || fail "naver profile with token"
node -e 'const b = JSON.parse(process.argv[1]); const r = b.response;
  if (b.resultcode !== "00" || b.message !== "success" || r.id !== "citizen1" || r.email !== "citizen1@example.test" || r.name !== "citizen1") process.exit(1)' \
  -- "$(cat "$WORK/body")" || fail "naver profile body"
ok "naver profile endpoint"
for auth in "" "Bearer not-a-token" "Basic aGFta2tlOmhhbWtrZS1zZWNyZXQ="; do
  OUT="$(req ${auth:+-H "Authorization: $auth"} "$ISS/naver/v1/nid/me")"
  echo "  GET  /naver/v1/nid/me (Authorization: ${auth:-none}) -> ${OUT%% *} $(cat "$WORK/body")"
  [ "${OUT%% *}" = 401 ] && [ "$(json_get "$(cat "$WORK/body")" resultcode)" = 024 ] || fail "naver profile must reject: $auth"
done
ok "naver profile endpoint rejects missing/invalid tokens"

RESP="$(token hamkke "$FIRST_CODE" "$REDIRECT_URI" "$FIRST_VERIFIER")"
echo "  POST /token (same code again) -> $RESP"
[ "${RESP%% *}" = 400 ] && [ "$(json_get "${RESP#* }" error)" = invalid_grant ] || fail "replayed code must be invalid_grant"
ok "replayed code rejected with invalid_grant"
OUT="$(req -H "Authorization: Bearer $ACCESS_TOKEN" "$ISS/naver/v1/nid/me")"
echo "  GET  /naver/v1/nid/me with the first access token after the replay -> ${OUT%% *}"
[ "${OUT%% *}" = 401 ] || fail "access token should be revoked after code replay"
ok "code replay revoked the tokens issued for that code"

# ---------------------------------------------------- error paths
echo "== client authentication and PKCE"
sign_in hamkke citizen1 "openid email profile" "$REDIRECT_URI"
OUT="$(curl -s -w ' %{http_code}' -u "hamkke:wrong" "$ISS/token" --data-urlencode grant_type=authorization_code \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode "code_verifier=$VERIFIER")"
echo "  POST /token with a wrong client secret -> $OUT"
[[ "$OUT" == *'"invalid_client"'*' 401' ]] || fail "wrong secret must be 401 invalid_client"
OUT="$(curl -s -w ' %{http_code}' "$ISS/token" --data-urlencode grant_type=authorization_code \
  --data-urlencode client_id=hamkke --data-urlencode "client_secret=$SECRET" \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode "code_verifier=$VERIFIER")"
echo "  POST /token with client_secret_post instead of Basic -> $OUT"
[[ "$OUT" == *'"invalid_client"'*' 401' ]] || fail "client_secret_post must be 401 invalid_client"
RESP="$(token hamkke "$CODE" "$REDIRECT_URI" "wrong-verifier-wrong-verifier-wrong-verifier-0")"
echo "  POST /token with a wrong code_verifier -> $RESP"
[ "${RESP%% *}" = 400 ] && [ "$(json_get "${RESP#* }" error)" = invalid_grant ] || fail "wrong verifier must be invalid_grant"
OUT="$(req -G "$ISS/auth" --data-urlencode client_id=hamkke --data-urlencode response_type=code \
  --data-urlencode scope=openid --data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode state=s1)"
echo "  GET  /auth without code_challenge -> $OUT"
[ "${OUT%% *}" = 303 ] && [ "$(urlparam "${OUT#* }" error)" = invalid_request ] || fail "missing PKCE must be rejected"
ok "wrong secret, client_secret_post, wrong verifier and missing PKCE rejected"

echo "== redirect_uri policy"
for bad in "http://evil.example/auth/oidc/test/callback" "http://127.0.0.1:${RP_PORT}/auth/oidc/test/callback/x" \
           "http://127.0.0.1:${RP_PORT}/other" "https://127.0.0.1:${RP_PORT}/auth/oidc/test/callback" \
           "http://127.0.0.1:${RP_PORT}/auth/oidc/test/callback?x=1"; do
  OUT="$(req -G "$ISS/auth" --data-urlencode client_id=hamkke --data-urlencode response_type=code \
    --data-urlencode scope=openid --data-urlencode "redirect_uri=$bad" --data-urlencode state=s1 \
    --data-urlencode code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM --data-urlencode code_challenge_method=S256)"
  echo "  GET  /auth redirect_uri=$bad -> ${OUT%% *} $(cat "$WORK/body")"
  [ "${OUT%% *}" = 400 ] && grep -q invalid_redirect_uri "$WORK/body" || fail "must reject redirect_uri $bad"
done
sign_in hamkke-wrongaud "someone@example.org" "openid email" "http://localhost:1234/auth/oidc/other-id/callback" >/dev/null
ok "any http://127.0.0.1|localhost:<port>/auth/oidc/<id>/callback accepted, anything else rejected"

echo "== plain OAuth2 (no scope parameter, no nonce), as for Naver"
sign_in hamkke citizen2 "" "$REDIRECT_URI"
RESP="$(token hamkke "$CODE" "$REDIRECT_URI" "$VERIFIER")"
echo "  POST /token -> $RESP"
[ "${RESP%% *}" = 200 ] && [ -z "$(json_get "${RESP#* }" id_token)" ] || fail "no-scope token exchange"
OUT="$(req -H "Authorization: Bearer $(json_get "${RESP#* }" access_token)" "$ISS/naver/v1/nid/me")"
echo "  GET  /naver/v1/nid/me -> ${OUT%% *} $(cat "$WORK/body")"
[ "${OUT%% *}" = 200 ] && grep -q '"id":"citizen2"' "$WORK/body" || fail "naver profile without a scope parameter"
ok "authorization request without any scope works (defaulted to profile; no id_token)"

echo "== scope=openid without nonce"
sign_in hamkke "citizen3@example.org" "openid" "$REDIRECT_URI" no-nonce
RESP="$(token hamkke "$CODE" "$REDIRECT_URI" "$VERIFIER")"
[ "${RESP%% *}" = 200 ] || fail "openid without nonce token exchange: $RESP"
echo "  POST /token -> 200 scope=\"$(json_get "${RESP#* }" scope)\""
jwt show "$(json_get "${RESP#* }" id_token)" '{"valid":true,"claims":{"sub":"citizen3@example.org","nonce":null}}' \
  || fail "openid-only ID token"
OUT="$(req -H "Authorization: Bearer $(json_get "${RESP#* }" access_token)" "$ISS/naver/v1/nid/me")"
echo "  GET  /naver/v1/nid/me -> ${OUT%% *} $(cat "$WORK/body")"
[ "${OUT%% *}" = 200 ] && grep -q '"email":"citizen3@example.org","name":"citizen3"' "$WORK/body" || fail "naver profile with openid scope"
ok "scope=openid without a nonce works; the profile endpoint accepts that access token"

# ------------------------------------------------------- tampering clients
echo "== tampering clients"
declare -A EXPECT=(
  [hamkke-badsig]="{\"valid\":false,\"expired\":false,\"claims\":{\"iss\":\"$ISS\",\"aud\":\"hamkke-badsig\"}}"
  [hamkke-expired]="{\"valid\":true,\"expired\":true,\"claims\":{\"iss\":\"$ISS\",\"aud\":\"hamkke-expired\"}}"
  [hamkke-wrongiss]="{\"valid\":true,\"expired\":false,\"claims\":{\"iss\":\"http://evil.example\",\"aud\":\"hamkke-wrongiss\"}}"
  [hamkke-wrongaud]="{\"valid\":true,\"expired\":false,\"claims\":{\"iss\":\"$ISS\",\"aud\":\"someone-else\"}}"
)
for client in hamkke-badsig hamkke-expired hamkke-wrongiss hamkke-wrongaud; do
  echo "-- $client"
  sign_in "$client" citizen1 "openid email profile" "$REDIRECT_URI" >/dev/null
  RESP="$(token "$client" "$CODE" "$REDIRECT_URI" "$VERIFIER")"
  [ "${RESP%% *}" = 200 ] || fail "$client token exchange: $RESP"
  T="$(json_get "${RESP#* }" id_token)"
  jwt claims "$T" "${EXPECT[$client]}" || fail "$client ID token not tampered as specified"
  node -e 'const p = JSON.parse(Buffer.from(process.argv[1].split(".")[1], "base64url"));
    console.log(`  iss=${p.iss} aud=${p.aud} email=${p.email} nonce=${p.nonce}`)' -- "$T"
  ok "$client"
done

# ---------------------------------------------------------------- shutdown
exec {PROV_IN}>&-
for _ in $(seq 50); do kill -0 "$PROVIDER_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$PROVIDER_PID" 2>/dev/null && fail "provider still running after stdin EOF"
ok "provider exited on stdin EOF"
echo "SMOKE PASSED"
