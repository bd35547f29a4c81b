//! Configuration: command-line flags, each with an environment variable
//! (flags win). The README has the table; `hamkke --help` prints it too.

use clap::{Args, ValueEnum};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// How logs are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    #[default]
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Server configuration shared by every sub-command.
#[derive(Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://PATH?mode=rwc` (embedded default) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/hamkke.db?mode=rwc", global = true)]
    pub database_url: String,

    /// Maximum database connections in the pool.
    #[arg(long, env = "HAMKKE_DB_MAX_CONNECTIONS", default_value_t = 10, global = true)]
    pub db_max_connections: u32,

    /// Address to listen on.
    #[arg(long, env = "HAMKKE_HOST", default_value = "127.0.0.1", global = true)]
    pub host: IpAddr,

    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "HAMKKE_PORT", default_value_t = 3000, global = true)]
    pub port: u16,

    /// Public base URL of the site, as people reach it (`https://hamkke.go.kr`).
    /// Used for absolute links and the cross-site request check. Default: `http://localhost:PORT`.
    #[arg(long, env = "HAMKKE_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// Folder with the built site: `pkg/` (WASM bundle) and `assets/` (KRDS).
    #[arg(long, env = "HAMKKE_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: PathBuf,

    /// Log format.
    #[arg(long, env = "HAMKKE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,

    /// Sign out after this many minutes without a request.
    #[arg(long, env = "HAMKKE_SESSION_IDLE_MINUTES", default_value_t = 120, global = true)]
    pub session_idle_minutes: u32,

    /// Sign out this many hours after sign-in, active or not.
    #[arg(long, env = "HAMKKE_SESSION_MAX_HOURS", default_value_t = 12, global = true)]
    pub session_max_hours: u32,

    /// Sign-in providers, comma-separated ids: the presets `kakao`, `naver`,
    /// `google`, or your own id for any OpenID Connect issuer. Each reads
    /// `HAMKKE_AUTH_<ID>_CLIENT_ID` and `_CLIENT_SECRET`; your own ids also
    /// `_ISSUER` (discovery URL base) and `_NAME`; any may set
    /// `_VERIFIES_IDENTITY=true` (accounts become `verified`) and `_SCOPES`.
    #[arg(long, env = "HAMKKE_AUTH_PROVIDERS", value_delimiter = ',', global = true)]
    pub auth_providers: Vec<String>,

    /// The providers read from the environment (or set by tests).
    #[arg(skip)]
    pub providers: Vec<ProviderConfig>,

    /// Holidays of the 협업SOS desk's working calendar, when no service-level
    /// clock runs: dates and inclusive ranges, comma-separated
    /// (`2026-12-25,2027-02-06..2027-02-09`), or `@FILE` with entries on lines
    /// (`#` starts a comment). Replaces the built-in Korean public holidays of
    /// 2026–2027 (add temporary holidays, 임시공휴일, here).
    #[arg(long, env = "HAMKKE_HOLIDAYS", global = true)]
    pub holidays: Option<String>,

    /// The desk's working hours on working days, KST: `HH:MM-HH:MM`.
    #[arg(long, env = "HAMKKE_WORKING_HOURS", default_value = "09:00-18:00", global = true)]
    pub working_hours: String,

    /// The desk's service levels, first response / resolution in working
    /// minutes (m), hours (h) or days (d), for the urgencies to change:
    /// `urgent=4h/2d,high=1d/5d,normal=2d/10d,low=5d/20d` are the defaults.
    #[arg(long, env = "HAMKKE_SOS_SERVICE_LEVELS", default_value = "", global = true)]
    pub sos_service_levels: String,

    /// Apply pending migrations when `serve` starts.
    #[arg(long, env = "HAMKKE_AUTO_MIGRATE", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub auto_migrate: bool,
}

impl Config {
    /// The socket address to bind.
    pub fn bind_addr(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }

    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://localhost:{}", self.port),
        }
    }

    /// Configuration for tests and embedding: defaults, with this database and site root.
    pub fn for_tests(database_url: String, site_root: PathBuf) -> Self {
        Self {
            database_url,
            db_max_connections: 5,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            base_url: None,
            site_root,
            log_format: LogFormat::Pretty,
            session_idle_minutes: 120,
            session_max_hours: 12,
            auto_migrate: true,
            holidays: None,
            working_hours: "09:00-18:00".into(),
            sos_service_levels: String::new(),
            auth_providers: Vec::new(),
            providers: Vec::new(),
        }
    }

    /// The 협업SOS desk's calendar and service levels from `holidays`,
    /// `working_hours` and `sos_service_levels`, checked (a clear error names
    /// the setting).
    pub fn desk(&self) -> anyhow::Result<crate::services::sos::Desk> {
        use shared::execution::{WorkCalendar, parse_holiday_list, parse_service_levels, parse_working_hours};
        let (start_minute, end_minute) = parse_working_hours(&self.working_hours).map_err(|e| anyhow::anyhow!("HAMKKE_WORKING_HOURS: {e}"))?;
        let mut calendar = WorkCalendar { start_minute, end_minute, ..WorkCalendar::default() };
        if let Some(list) = self.holidays.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            let text = match list.strip_prefix('@') {
                Some(path) => std::fs::read_to_string(path.trim()).map_err(|e| anyhow::anyhow!("HAMKKE_HOLIDAYS: cannot read {path}: {e}"))?,
                None => list.to_owned(),
            };
            let entries: Vec<&str> = text.lines().map(|l| l.split('#').next().unwrap_or("")).collect();
            calendar.holidays = parse_holiday_list(&entries.join(",")).map_err(|e| anyhow::anyhow!("HAMKKE_HOLIDAYS: {e}"))?;
        }
        calendar.check().map_err(|e| anyhow::anyhow!("HAMKKE_WORKING_HOURS: {e}"))?;
        let levels = parse_service_levels(&self.sos_service_levels, &calendar).map_err(|e| anyhow::anyhow!("HAMKKE_SOS_SERVICE_LEVELS: {e}"))?;
        // Past the last listed holiday the timers count 설날 and 추석 as
        // working days: say so while there is time to extend the list.
        let today = shared::execution::local_day(chrono::Utc::now().timestamp(), calendar.utc_offset_minutes);
        match calendar.holidays.iter().max() {
            Some(&last) if last < today + 60 => tracing::warn!(
                last_holiday = %shared::execution::format_date(last),
                "the SOS desk's holiday list ends within 60 days: extend HAMKKE_HOLIDAYS"
            ),
            None => tracing::warn!("the SOS desk's holiday list is empty: set HAMKKE_HOLIDAYS"),
            _ => {}
        }
        Ok(crate::services::sos::Desk { calendar, levels })
    }

    /// Reads each provider named in `auth_providers` from the environment.
    pub fn load_providers(&mut self) -> anyhow::Result<()> {
        let ids: Vec<String> = self.auth_providers.iter().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect();
        for id in ids {
            let config = ProviderConfig::from_env(&id, |key| std::env::var(key).ok())?;
            self.providers.push(config);
        }
        Ok(())
    }
}

/// How a provider is talked to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProviderKind {
    /// OpenID Connect with discovery at `{issuer}/.well-known/openid-configuration`.
    Oidc { issuer: String },
    /// Plain OAuth2 and a profile endpoint (Naver).
    OAuth2Profile { auth_url: String, token_url: String, profile_url: String },
}

/// One sign-in provider.
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    /// Short id used in URLs and stored with linked accounts (`kakao`).
    pub id: String,
    /// Name on the sign-in button (`카카오`).
    pub name: String,
    pub kind: ProviderKind,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: Vec<String>,
    /// Whether the provider vouches for a real identity (accounts become `verified`).
    pub verifies_identity: bool,
    /// For OAuth2 providers: send the client secret in the token request's
    /// body (Naver) rather than with HTTP Basic. OIDC providers say which in discovery.
    pub secret_in_body: bool,
}

/// Never prints the client secret.
impl fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("client_id", &self.client_id)
            .field("verifies_identity", &self.verifies_identity)
            .finish()
    }
}

impl ProviderConfig {
    /// A provider from `HAMKKE_AUTH_<ID>_*` settings (`get` reads one).
    pub fn from_env(id: &str, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            anyhow::bail!("sign-in provider id {id:?}: use lower-case letters, digits and '-'");
        }
        let prefix = format!("HAMKKE_AUTH_{}_", id.to_uppercase().replace('-', "_"));
        let var = |name: &str| get(&format!("{prefix}{name}")).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let need = |name: &str| var(name).ok_or_else(|| anyhow::anyhow!("sign-in provider {id}: set {prefix}{name}"));
        let (default_name, kind, default_scopes): (String, ProviderKind, &str) = match id {
            "kakao" => (
                "카카오".into(),
                ProviderKind::Oidc { issuer: var("ISSUER").unwrap_or_else(|| "https://kauth.kakao.com".into()) },
                "openid account_email profile_nickname",
            ),
            "google" => (
                "Google".into(),
                ProviderKind::Oidc { issuer: var("ISSUER").unwrap_or_else(|| "https://accounts.google.com".into()) },
                "openid email profile",
            ),
            "naver" => (
                "네이버".into(),
                ProviderKind::OAuth2Profile {
                    auth_url: var("AUTH_URL").unwrap_or_else(|| "https://nid.naver.com/oauth2.0/authorize".into()),
                    token_url: var("TOKEN_URL").unwrap_or_else(|| "https://nid.naver.com/oauth2.0/token".into()),
                    profile_url: var("PROFILE_URL").unwrap_or_else(|| "https://openapi.naver.com/v1/nid/me".into()),
                },
                "",
            ),
            _ => (id.to_owned(), ProviderKind::Oidc { issuer: need("ISSUER")? }, "openid email profile"),
        };
        if let ProviderKind::Oidc { issuer } = &kind
            && !(issuer.starts_with("https://") || issuer.starts_with("http://127.0.0.1") || issuer.starts_with("http://localhost")) {
                anyhow::bail!("sign-in provider {id}: the issuer must use https");
            }
        let scopes = var("SCOPES").unwrap_or_else(|| default_scopes.to_owned());
        Ok(Self {
            id: id.to_owned(),
            name: var("NAME").unwrap_or(default_name),
            kind,
            client_id: need("CLIENT_ID")?,
            client_secret: need("CLIENT_SECRET")?,
            scopes: scopes.split_whitespace().map(str::to_owned).collect(),
            verifies_identity: matches!(var("VERIFIES_IDENTITY").as_deref(), Some("true" | "1" | "yes")),
            secret_in_body: match var("TOKEN_AUTH").as_deref() {
                Some("basic") => false,
                Some("post") => true,
                Some(other) => anyhow::bail!("sign-in provider {id}: TOKEN_AUTH is basic or post, not {other:?}"),
                None => id == "naver",
            },
        })
    }
}


/// Never prints the database password.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &crate::db::redact_url(&self.database_url))
            .field("db_max_connections", &self.db_max_connections)
            .field("bind", &self.bind_addr())
            .field("base_url", &self.base_url())
            .field("site_root", &self.site_root)
            .field("log_format", &self.log_format)
            .field("session_idle_minutes", &self.session_idle_minutes)
            .field("session_max_hours", &self.session_max_hours)
            .field("auto_migrate", &self.auto_migrate)
            .field("holidays", &self.holidays)
            .field("working_hours", &self.working_hours)
            .field("sos_service_levels", &self.sos_service_levels)
            .field("providers", &self.providers)
            .finish()
    }
}

impl Config {
    /// Whether the session cookie needs `Secure`: always, except for plain
    /// `http://localhost` / `127.0.0.1` development.
    pub fn secure_cookies(&self) -> bool {
        let base = self.base_url();
        let local = ["http://localhost", "http://127.0.0.1", "http://[::1]"];
        !local.iter().any(|l| base == *l || base.starts_with(&format!("{l}:")) || base.starts_with(&format!("{l}/")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_need_only_credentials_and_custom_issuers_need_an_issuer() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| (*v).to_owned())
        };
        let kakao = ProviderConfig::from_env(
            "kakao",
            env(&[("HAMKKE_AUTH_KAKAO_CLIENT_ID", "abc"), ("HAMKKE_AUTH_KAKAO_CLIENT_SECRET", "s")]),
        )
        .unwrap();
        assert_eq!(kakao.kind, ProviderKind::Oidc { issuer: "https://kauth.kakao.com".into() });
        assert!(!format!("{kakao:?}").contains("\"s\""));
        assert!(ProviderConfig::from_env("gov", env(&[("HAMKKE_AUTH_GOV_CLIENT_ID", "a"), ("HAMKKE_AUTH_GOV_CLIENT_SECRET", "s")])).is_err());
        let plain_http = env(&[
            ("HAMKKE_AUTH_GOV_ISSUER", "http://idp.example"),
            ("HAMKKE_AUTH_GOV_CLIENT_ID", "a"),
            ("HAMKKE_AUTH_GOV_CLIENT_SECRET", "s"),
        ]);
        assert!(ProviderConfig::from_env("gov", plain_http).is_err());
        let naver = ProviderConfig::from_env(
            "naver",
            env(&[("HAMKKE_AUTH_NAVER_CLIENT_ID", "a"), ("HAMKKE_AUTH_NAVER_CLIENT_SECRET", "s"), ("HAMKKE_AUTH_NAVER_VERIFIES_IDENTITY", "true")]),
        )
        .unwrap();
        assert!(naver.verifies_identity && matches!(naver.kind, ProviderKind::OAuth2Profile { .. }));
        assert!(ProviderConfig::from_env("Bad Id", env(&[])).is_err());
    }

    #[test]
    fn the_desk_reads_its_holidays_hours_and_levels_and_names_the_setting_in_error() {
        let mut c = Config::for_tests("sqlite::memory:".into(), PathBuf::from("target/site"));
        let default = c.desk().unwrap();
        assert!(default.calendar.holidays.len() > 20, "the built-in Korean holidays");
        c.holidays = Some("2026-11-19..2026-11-20, 2026-12-31".into());
        c.working_hours = "08:30-17:30".into();
        c.sos_service_levels = "urgent=2h/1d".into();
        let desk = c.desk().unwrap();
        assert_eq!(desk.calendar.holidays.len(), 3);
        assert_eq!((desk.calendar.start_minute, desk.calendar.end_minute), (510, 1050));
        assert_eq!(desk.levels.urgent.resolution_secs, 9 * 3_600);
        let dir = std::env::temp_dir().join(format!("hamkke-holidays-{}", std::process::id()));
        std::fs::write(&dir, "# 2026\n2026-12-25 # 성탄절\n\n2027-01-01\n").unwrap();
        c.holidays = Some(format!("@{}", dir.display()));
        assert_eq!(c.desk().unwrap().calendar.holidays.len(), 2);
        let _ = std::fs::remove_file(&dir);
        for (holidays, hours, levels, named) in [
            (Some("2026-13-01"), "09:00-18:00", "", "HAMKKE_HOLIDAYS"),
            (Some("@/no/such/file"), "09:00-18:00", "", "HAMKKE_HOLIDAYS"),
            (None, "18:00-09:00", "", "HAMKKE_WORKING_HOURS"),
            (None, "09:00-18:00", "urgent=4h", "HAMKKE_SOS_SERVICE_LEVELS"),
        ] {
            c.holidays = holidays.map(str::to_owned);
            c.working_hours = hours.into();
            c.sos_service_levels = levels.into();
            let err = c.desk().err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.starts_with(named), "{named}: {err}");
        }
    }
}
