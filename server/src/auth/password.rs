//! Password hashing with Argon2id and OWASP's parameters (19 MiB, 2
//! iterations, 1 lane). Hashing is CPU-heavy, so it runs on the blocking pool.

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password into a PHC string.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await
    .context("hashing task failed")?
}

/// Checks a password against a PHC string. With no hash (unknown account, or
/// an account without a password), a dummy hash is checked anyway, so the
/// answer takes as long and reveals nothing about which accounts exist.
pub async fn verify(password: String, phc: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let real = phc.is_some();
        let phc = phc.unwrap_or_else(|| DUMMY.to_owned());
        let parsed = PasswordHash::new(&phc).map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
        let ok = argon2()?.verify_password(password.as_bytes(), &parsed).is_ok();
        Ok(ok && real)
    })
    .await
    .context("verification task failed")?
}

/// Argon2id hash of a random string nobody knows (same parameters).
const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2b0nKcCv1TnVSqm2JqQ4u7IP0I9cVqz0dnU4RJdbtqM";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let h = hash("정부혁신 함께 만들어요".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("정부혁신 함께 만들어요".into(), Some(h.clone())).await.unwrap());
        assert!(!verify("정부혁신 함께 만들어".into(), Some(h)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap(), "the dummy never matches");
    }
}
