//! The one test shell for the `prodos` binary, shared by the CLI test files: a scratch data
//! directory, commands that must succeed, and commands that must fail and then have written nothing.

// Each test binary that includes this module uses a different subset of it.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch data directory and a way to run `prodos` against it.
pub struct Shell {
    dir: tempfile::TempDir,
}

impl Shell {
    pub fn new() -> Shell {
        Shell { dir: tempfile::tempdir().unwrap() }
    }
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    /// Writes a scratch file (text, or bytes that are not UTF-8 on purpose) and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
    /// The binary on this shell's data directory, from the repository root (so `examples/…` paths
    /// resolve), with no data directory or actor leaking in from the environment.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_prodos"));
        command
            .arg("--data")
            .arg(self.data())
            .args(args)
            .current_dir(repo_root())
            .env_remove("PRODOS_DATA")
            .env_remove("PRODOS_ACTOR");
        command
    }
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }
    /// Runs with `input` on standard input (as `--password-stdin` reads it).
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        use std::io::Write as _;
        let mut child = self
            .command(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }
    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "prodos {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }
    /// Runs a command that must fail, checks that the ledger did not grow, and returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let before = self.ledger_len();
        let output = self.run(args);
        assert!(!output.status.success(), "prodos {args:?} should have failed");
        assert_eq!(self.ledger_len(), before, "prodos {args:?}: a refusal must write nothing");
        String::from_utf8(output.stderr).unwrap()
    }
    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
    /// Entries in the ledger, read without verifying it (tests tamper with it on purpose).
    pub fn ledger_len(&self) -> usize {
        if !self.data().exists() {
            return 0;
        }
        self.json(&["audit", "log", "--json"]).as_array().unwrap().len()
    }
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn example(name: &str) -> String {
    repo_root().join("examples").join(name).display().to_string()
}
