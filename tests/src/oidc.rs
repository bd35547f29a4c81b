//! A real OpenID provider for the sign-in tests: the certified npm package
//! `oidc-provider` (tests/oidc/provider.mjs, installed by `./x test`),
//! started once per test process on a random loopback port. It exits when
//! this process ends (its standard input closes).
//!
//! Its clients: `hamkke` behaves; `hamkke-badsig`, `hamkke-expired`,
//! `hamkke-wrongiss` and `hamkke-wrongaud` hand out ID tokens tampered with
//! in one way each. `/naver/v1/nid/me` answers like Naver's profile API.

use anyhow::Context;
use server::config::{ProviderConfig, ProviderKind};
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};

struct Running {
    issuer: String,
    // Held so the pipe stays open while the tests run.
    _child: Child,
    _stdin: ChildStdin,
}

static PROVIDER: OnceLock<Mutex<Running>> = OnceLock::new();

/// The provider's issuer URL (`http://127.0.0.1:PORT`), starting it on first use.
pub fn issuer() -> String {
    let running = PROVIDER.get_or_init(|| match start() {
        Ok(r) => Mutex::new(r),
        Err(e) => panic!("could not start the test OpenID provider (run `./x test`, which installs it): {e:#}"),
    });
    running.lock().map(|r| r.issuer.clone()).unwrap_or_else(|e| e.into_inner().issuer.clone())
}

fn start() -> anyhow::Result<Running> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("oidc/provider.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("node {}", script.display()))?;
    let stdin = child.stdin.take().context("no stdin")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).context("reading the provider's first line")?;
    let v: serde_json::Value = serde_json::from_str(line.trim()).with_context(|| format!("provider said {line:?}"))?;
    let issuer = v["issuer"].as_str().context("no issuer")?.to_owned();
    Ok(Running { issuer, _child: child, _stdin: stdin })
}

/// A provider entry for the app's configuration, talking to the test provider
/// as `client_id` (one of the clients above).
pub fn provider(id: &str, client_id: &str) -> ProviderConfig {
    ProviderConfig {
        id: id.to_owned(),
        name: format!("테스트 {id}"),
        kind: ProviderKind::Oidc { issuer: issuer() },
        client_id: client_id.to_owned(),
        client_secret: "hamkke-secret".to_owned(),
        scopes: ["openid", "email", "profile"].map(String::from).to_vec(),
        verifies_identity: true,
        secret_in_body: false,
    }
}

/// The Naver-style provider: OAuth2 and the profile endpoint.
pub fn naver_like(id: &str) -> ProviderConfig {
    let iss = issuer();
    ProviderConfig {
        id: id.to_owned(),
        name: "네이버(테스트)".to_owned(),
        kind: ProviderKind::OAuth2Profile {
            auth_url: format!("{iss}/auth"),
            token_url: format!("{iss}/token"),
            profile_url: format!("{iss}/naver/v1/nid/me"),
        },
        client_id: "hamkke".to_owned(),
        client_secret: "hamkke-secret".to_owned(),
        scopes: Vec::new(),
        verifies_identity: false,
        secret_in_body: false,
    }
}

/// Every provider the tests use: `test` (good), `badsig`, `expired`,
/// `wrongiss`, `wrongaud`, and `naver`.
pub fn all_providers() -> Vec<ProviderConfig> {
    vec![
        provider("test", "hamkke"),
        provider("badsig", "hamkke-badsig"),
        provider("expired", "hamkke-expired"),
        provider("wrongiss", "hamkke-wrongiss"),
        provider("wrongaud", "hamkke-wrongaud"),
        naver_like("naver"),
    ]
}

/// A browser-like HTTP client: one cookie jar (the app's session and the
/// provider's), redirects followed by hand so tests can look at each.
pub struct Visitor {
    pub client: reqwest::Client,
    /// The app's base URL.
    pub base: String,
}

impl Visitor {
    pub fn new(base: &str) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"));
        Self { client, base: base.to_owned() }
    }

    fn absolute(&self, location: &str, from: &str) -> String {
        if location.starts_with("http://") || location.starts_with("https://") {
            location.to_owned()
        } else {
            // Relative to the origin of `from`.
            let origin: String = from.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
            format!("{origin}{location}")
        }
    }

    /// `GET` and the `Location` it redirects to (absolute).
    pub async fn get(&self, url: &str) -> reqwest::Response {
        self.client.get(url).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"))
    }

    fn location(&self, res: &reqwest::Response, from: &str) -> Option<String> {
        res.headers().get("location").and_then(|l| l.to_str().ok()).map(|l| self.absolute(l, from))
    }

    /// Starts a sign-in at the app (`start_path`, e.g.
    /// `/auth/oidc/test/start?next=/feedback`), signs in at the provider as
    /// `login`, and returns the provider's redirect back to the app's
    /// callback (not yet followed).
    pub async fn through_provider(&self, start: reqwest::Response, start_url: &str, login: &str) -> String {
        assert_eq!(start.status(), 303, "the start redirects to the provider");
        let mut url = self.location(&start, start_url).unwrap_or_else(|| panic!("no Location from {start_url}"));
        for _ in 0..10 {
            if url.starts_with(&self.base) {
                return url; // back at the app: the callback
            }
            let res = if url.contains("/interaction/") {
                let form = [("prompt", "login"), ("login", login), ("password", "any password")];
                self.client.post(&url).form(&form).send().await.unwrap_or_else(|e| panic!("POST {url}: {e}"))
            } else {
                self.get(&url).await
            };
            assert!(res.status().is_redirection(), "{url} answered {}", res.status());
            url = self.location(&res, &url).unwrap_or_else(|| panic!("no Location from {url}"));
        }
        panic!("too many redirects at the provider")
    }

    /// The whole sign-in through `provider` as `login`, starting from
    /// `next`; returns the app's final redirect after the callback.
    pub async fn sign_in(&self, provider: &str, login: &str, next: &str) -> reqwest::Response {
        let start_url = format!("{}/auth/oidc/{provider}/start?next={}", self.base, encode(next));
        let start = self.get(&start_url).await;
        let callback = self.through_provider(start, &start_url, login).await;
        self.get(&callback).await
    }

    /// `GET /api/v1/me` with this visitor's cookies.
    pub async fn me(&self) -> reqwest::Response {
        self.get(&format!("{}/api/v1/me", self.base)).await
    }

    /// A state-changing request as the site's own pages make it (with `Origin`).
    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.post(format!("{}{path}", self.base)).header("origin", self.base.as_str())
    }

    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.delete(format!("{}{path}", self.base)).header("origin", self.base.as_str())
    }
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `Location` header of a response.
pub fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned()
}
