//! Demo logins: one account per (handle, role) the caller names (the CLI passes
//! `prodos_demo::DEMO_LOGINS`: a coordinator, two participants under their participant handles,
//! an auditor and an admin), each with a random password, so that
//! `prodos serve --demo` can be tried at once. The passwords are printed and kept in
//! `demo-logins.txt` in the data directory (readable by its owner only) so a restart can print
//! them again.

use crate::auth::{Role, password, secret, store::AccountStore};
use crate::error::ApiError;
use std::path::Path;

pub const DEMO_LOGINS_FILE: &str = "demo-logins.txt";

/// One demo login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub handle: String,
    pub role: Role,
    pub password: String,
}

/// Creates the demo accounts when the store has none; otherwise reads back the logins written
/// when they were created (empty when the accounts were not made by the demo).
pub fn ensure_accounts(
    store: &AccountStore,
    data_dir: &Path,
    wanted: &[(&str, &str)],
    now_ms: i64,
) -> Result<Vec<DemoLogin>, ApiError> {
    let file = data_dir.join(DEMO_LOGINS_FILE);
    if store.count()? > 0 {
        return Ok(std::fs::read_to_string(&file).map(|text| parse(&text)).unwrap_or_default());
    }
    let mut logins = Vec::with_capacity(wanted.len());
    for (handle, role) in wanted {
        let role =
            Role::parse(role).ok_or_else(|| ApiError::Startup { reason: format!("demo login role `{role}`") })?;
        let login = DemoLogin { handle: (*handle).to_string(), role, password: secret::random_password(16)? };
        store.create(&login.handle, role, &password::hash(&login.password)?, now_ms)?;
        logins.push(login);
    }
    write_private(&file, &format_logins(&logins))?;
    Ok(logins)
}

fn format_logins(logins: &[DemoLogin]) -> String {
    logins.iter().map(|login| format!("{} {} {}\n", login.handle, login.role.as_str(), login.password)).collect()
}

fn parse(text: &str) -> Vec<DemoLogin> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let handle = words.next()?.to_string();
            let role = Role::parse(words.next()?)?;
            let password = words.next()?.to_string();
            Some(DemoLogin { handle, role, password })
        })
        .collect()
}

fn write_private(path: &Path, text: &str) -> Result<(), ApiError> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file =
        options.open(path).map_err(|error| ApiError::Startup { reason: format!("{}: {error}", path.display()) })?;
    file.write_all(text.as_bytes())
        .map_err(|error| ApiError::Startup { reason: format!("{}: {error}", path.display()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_round_trip_through_the_file_format() {
        let logins = vec![DemoLogin { handle: "admin".into(), role: Role::Admin, password: "abcDEF234567xyz9".into() }];
        assert_eq!(parse(&format_logins(&logins)), logins);
    }
}
