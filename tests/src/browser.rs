//! A small WebDriver client for headless Chromium (Debian `chromium` and
//! `chromium-driver`). W3C WebDriver is plain JSON over HTTP, so a few
//! functions over `reqwest` do; this keeps the dependency tree lean and lets
//! us read Chromium's console log (a ChromeDriver extension).
//!
//! Every wait polls a condition with a deadline; nothing sleeps a fixed time
//! and then asserts.

use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// Generous: shared, noisy machines. A wait returns as soon as its condition holds.
pub const WAIT: Duration = Duration::from_secs(30);

/// Whether the page runs JavaScript (and so the WASM bundle).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Js {
    Enabled,
    Disabled,
}

/// One headless Chromium, driven through its own ChromeDriver process.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    http: reqwest::Client,
    profile: PathBuf,
}

/// A found element.
#[derive(Clone, Debug)]
pub struct Element(String);

fn binary(env: &str, default: &str) -> String {
    std::env::var(env).unwrap_or_else(|_| default.to_owned())
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

impl Browser {
    /// Starts ChromeDriver and a fresh headless Chromium profile.
    pub async fn start(js: Js) -> Result<Self> {
        let chromedriver = binary("CHROMEDRIVER", "/usr/bin/chromedriver");
        let chromium = binary("CHROMIUM", "/usr/bin/chromium");
        for b in [&chromedriver, &chromium] {
            if !std::path::Path::new(b).exists() {
                bail!("{b} not found: run `./x test`, which installs chromium and chromium-driver");
            }
        }
        let port = free_port()?;
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("failed to start {chromedriver}"))?;
        let profile = std::env::temp_dir().join(format!("hamkke-chromium-{}", uuid::Uuid::new_v4().simple()));
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let mut browser = Self { driver, base, session: String::new(), http, profile };

        // Wait for ChromeDriver to answer.
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(r) = browser.http.get(format!("{}/status", browser.base)).send().await
                && r.status().is_success() {
                    break;
                }
            if Instant::now() > deadline {
                bail!("chromedriver did not become ready");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--window-size=1280,900".to_owned(),
            // Instant scrolling (the site honours reduced motion), so clicks land where WebDriver aims.
            "--force-prefers-reduced-motion".to_owned(),
            format!("--user-data-dir={}", browser.profile.display()),
        ];
        if js == Js::Disabled {
            args.push("--blink-settings=scriptEnabled=false".to_owned());
        }
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": args,
                        "prefs": { "profile.managed_default_content_settings.javascript": if js == Js::Disabled { 2 } else { 1 } }
                    },
                    "goog:loggingPrefs": { "browser": "ALL" }
                }
            }
        });
        let v = browser.cmd(reqwest::Method::POST, "/session", Some(caps)).await?;
        browser.session = v["sessionId"].as_str().ok_or_else(|| anyhow!("no session id in {v}"))?.to_owned();
        Ok(browser)
    }

    async fn cmd(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let mut req = self.http.request(method.clone(), &url);
        if let Some(b) = body {
            req = req.json(&b);
        } else if method == reqwest::Method::POST {
            req = req.json(&json!({}));
        }
        let res = req.send().await.with_context(|| format!("webdriver {method} {path}"))?;
        let status = res.status();
        let v: Value = res.json().await.with_context(|| format!("webdriver {method} {path}: not JSON"))?;
        if !status.is_success() {
            bail!("webdriver {method} {path}: {status} {}", v["value"]);
        }
        Ok(v["value"].clone())
    }

    fn s(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    /// Opens a URL and waits for the document to load.
    pub async fn goto(&self, url: &str) -> Result<()> {
        self.cmd(reqwest::Method::POST, &self.s("/url"), Some(json!({ "url": url }))).await?;
        Ok(())
    }

    pub async fn current_url(&self) -> Result<String> {
        let v = self.cmd(reqwest::Method::GET, &self.s("/url"), None).await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Finds the first element matching a CSS selector, if any.
    pub async fn try_find(&self, css: &str) -> Result<Option<Element>> {
        let v = self.cmd(reqwest::Method::POST, &self.s("/elements"), Some(json!({ "using": "css selector", "value": css }))).await?;
        Ok(v.as_array().and_then(|a| a.first()).and_then(|e| e[ELEMENT_KEY].as_str()).map(|id| Element(id.to_owned())))
    }

    /// Waits until an element matching `css` exists.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(e) = self.try_find(css).await? {
                return Ok(e);
            }
            if Instant::now() > deadline {
                bail!("no element matches `{css}` after {WAIT:?} (at {})", self.current_url().await.unwrap_or_default());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `check` returns true (polled).
    pub async fn wait_until<F, Fut>(&self, what: &str, mut check: F) -> Result<()>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<bool>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            if check().await? {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("timed out waiting for {what}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the WASM bundle to hydrate the page's islands (the header's
    /// screen-size island sets `body[data-hydrated]` once all of them are live).
    pub async fn wait_for_hydration(&self) -> Result<()> {
        self.wait_for("body[data-hydrated='true']").await.map(|_| ())
    }

    pub async fn click(&self, e: &Element) -> Result<()> {
        self.cmd(reqwest::Method::POST, &self.s(&format!("/element/{}/click", e.0)), None).await?;
        Ok(())
    }

    pub async fn type_text(&self, e: &Element, text: &str) -> Result<()> {
        self.cmd(reqwest::Method::POST, &self.s(&format!("/element/{}/value", e.0)), Some(json!({ "text": text }))).await?;
        Ok(())
    }

    pub async fn clear(&self, e: &Element) -> Result<()> {
        self.cmd(reqwest::Method::POST, &self.s(&format!("/element/{}/clear", e.0)), None).await?;
        Ok(())
    }

    pub async fn text(&self, e: &Element) -> Result<String> {
        let v = self.cmd(reqwest::Method::GET, &self.s(&format!("/element/{}/text", e.0)), None).await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    pub async fn attr(&self, e: &Element, name: &str) -> Result<Option<String>> {
        let v = self.cmd(reqwest::Method::GET, &self.s(&format!("/element/{}/attribute/{name}", e.0)), None).await?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// A DOM property (`value` of a form field is a property, not an attribute).
    pub async fn prop(&self, e: &Element, name: &str) -> Result<Option<String>> {
        let v = self.cmd(reqwest::Method::GET, &self.s(&format!("/element/{}/property/{name}", e.0)), None).await?;
        Ok(v.as_str().map(str::to_owned))
    }

    pub async fn displayed(&self, e: &Element) -> Result<bool> {
        let v = self.cmd(reqwest::Method::GET, &self.s(&format!("/element/{}/displayed", e.0)), None).await?;
        Ok(v.as_bool().unwrap_or(false))
    }

    /// Runs JavaScript in the page (only with JS enabled).
    pub async fn eval(&self, script: &str) -> Result<Value> {
        self.cmd(reqwest::Method::POST, &self.s("/execute/sync"), Some(json!({ "script": script, "args": [] }))).await
    }

    /// Runs axe-core (npm `axe-core`, pinned in `frontend/package.json`) on the
    /// current page against WCAG 2.1 A and AA, and returns the violations
    /// (rule id, impact, help text, the first few offending elements).
    pub async fn axe_violations(&self) -> Result<Vec<Value>> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .with_context(|| format!("{} missing: run `./x test`, which installs the npm packages", path.display()))?;
        // WebDriver wraps scripts in a function; axe-core then attaches itself to `window`.
        self.eval(&source).await?;
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || ''))
              })) }))
              .catch(e => done({ passes: 0, violations: [{ id: 'axe-error', help: String(e) }] }));
        "#;
        let v = self.cmd(reqwest::Method::POST, &self.s("/execute/async"), Some(json!({ "script": script, "args": [] }))).await?;
        // A run that checked nothing proves nothing.
        if v["passes"].as_u64().unwrap_or(0) == 0 && v["violations"].as_array().is_none_or(|a| a.is_empty()) {
            bail!("axe-core did not run any check: {v}");
        }
        Ok(v["violations"].as_array().cloned().unwrap_or_default())
    }

    /// Fails with the list of violations if axe-core finds any.
    pub async fn assert_accessible(&self) -> Result<()> {
        let violations = self.axe_violations().await?;
        if violations.is_empty() {
            Ok(())
        } else {
            bail!("accessibility violations at {}: {:#}", self.current_url().await.unwrap_or_default(), Value::Array(violations))
        }
    }

    /// The browser console entries since the last call (ChromeDriver's log endpoint).
    pub async fn console(&self) -> Result<Vec<ConsoleEntry>> {
        let v = self.cmd(reqwest::Method::POST, &self.s("/se/log"), Some(json!({ "type": "browser" }))).await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .map(|e| ConsoleEntry {
                        level: e["level"].as_str().unwrap_or_default().to_owned(),
                        message: e["message"].as_str().unwrap_or_default().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Fails if the console holds an error (`SEVERE`), listing them all.
    pub async fn assert_no_console_errors(&self) -> Result<()> {
        let errors: Vec<_> = self.console().await?.into_iter().filter(|e| e.level == "SEVERE").collect();
        if errors.is_empty() { Ok(()) } else { bail!("console errors: {errors:#?}") }
    }
}

/// One console message.
#[derive(Clone, Debug)]
pub struct ConsoleEntry {
    pub level: String,
    pub message: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Closing the session ends Chromium; then stop the driver and remove the profile.
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.base, self.session);
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                rt.block_on(async { reqwest::Client::new().delete(url).send().await.ok() })
            })
            .join();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
