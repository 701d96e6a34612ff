//! The benchmark runs end to end at small sizes, so that `prodos bench ledger` cannot rot; the
//! targets themselves are only meaningful at standard sizes in a release build.

use prodos_store_sqlite::bench::{BenchConfig, run};

#[test]
fn the_benchmark_runs_and_reports_every_figure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = run(&BenchConfig::quick(dir.path())).expect("benchmark");
    assert!(report.batched.one_request.ledger_events_per_s > 0.0);
    assert!(report.batched.many_requests.raw_events_per_s > 0.0);
    assert!(report.durable.single_writer_appends_per_s > 0.0);
    assert!(report.durable.concurrent_requests_per_commit >= 1.0);
    assert_eq!(report.replay.events, 5_000);
    assert_eq!(report.verdicts().len(), 7);
    let text = report.to_string();
    assert!(text.contains("replay of 5000 events"), "{text}");
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path()).expect("list").map(|entry| entry.expect("entry").file_name()).collect();
    assert!(leftovers.is_empty(), "the benchmark removes its files: {leftovers:?}");
}
