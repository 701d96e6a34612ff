//! The Gantt chart of a plan as hand-written SVG: one row per operation instance on a working-time
//! axis, critical-path bars in red, carried work in grey. Shared by `prodos plan show --gantt` and the server's plan
//! page and API. No drawing crate: the format is simple and stable.

use crate::views::PlanDetailView;
use std::fmt::Write as _;

const ROW_PX: usize = 14;
const LABEL_PX: usize = 220;
const CHART_PX: f64 = 1000.0;
const TOP_PX: usize = 40;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The whole chart as a standalone SVG document.
pub fn svg(detail: &PlanDetailView) -> String {
    let mut rows: Vec<_> = detail.operations.iter().collect();
    rows.sort_by_key(|op| (op.unit, op.start_work_min, op.operation.clone()));
    let span_min = rows.iter().map(|op| op.end_work_min).max().unwrap_or(1).max(1) as f64;
    let scale = CHART_PX / span_min;
    let height = TOP_PX + rows.len() * ROW_PX + 30;
    let width = LABEL_PX + CHART_PX as usize + 20;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="10">"#
    );
    let v = &detail.verdict;
    let title = format!(
        "{} — {} × {} · start {} · finish {} · due {} · red: critical path",
        detail.summary.id,
        detail.summary.qty,
        detail.summary.design,
        v.start,
        v.finish.clone().unwrap_or_else(|| "-".into()),
        v.due
    );
    let _ = writeln!(out, r#"<text x="4" y="14" font-size="12" font-weight="bold">{}</text>"#, escape(&title));
    // Ticks every working day's worth of hours, at most ~20 labels.
    let tick_hours = ((span_min / 60.0) / 20.0).ceil().max(1.0);
    let mut tick = 0.0;
    while tick * 60.0 <= span_min {
        let x = LABEL_PX as f64 + tick * 60.0 * scale;
        let _ = writeln!(
            out,
            r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{bottom}" stroke="#ddd"/><text x="{x:.1}" y="{label_y}" fill="#666">{tick}h</text>"##,
            top = TOP_PX - 4,
            bottom = height - 24,
            label_y = TOP_PX - 8,
        );
        tick += tick_hours;
    }
    for (row, op) in rows.iter().enumerate() {
        let y = TOP_PX + row * ROW_PX;
        // Work carried from the plan this one continues may have begun before the axis: grey, cut at 0.
        let (from, to) = (op.start_work_min.max(0), op.end_work_min.max(0));
        let x = LABEL_PX as f64 + from as f64 * scale;
        let w = ((to - from) as f64 * scale).max(1.0);
        let (fill, stroke) = match (op.carried, op.critical) {
            (Some(_), _) => ("#a0a0a0", "#707070"),
            (None, true) => ("#d62728", "#8b0000"),
            (None, false) => ("#4a7fb5", "#2c5282"),
        };
        let _ = writeln!(
            out,
            r#"<text x="4" y="{ty}">{label}</text><rect x="{x:.1}" y="{y}" width="{w:.1}" height="{h}" fill="{fill}" stroke="{stroke}"><title>{tip}</title></rect>"#,
            ty = y + ROW_PX - 4,
            label = escape(&format!("{} #{}", op.operation, op.unit)),
            h = ROW_PX - 3,
            tip = escape(&format!(
                "{} #{}: {} → {} · {} · slack {:.1} h",
                op.operation,
                op.unit,
                op.start,
                op.end,
                op.resources.join(", "),
                op.slack_work_min as f64 / 60.0
            )),
        );
    }
    let _ = writeln!(
        out,
        r##"<text x="{LABEL_PX}" y="{y}" fill="#666">working hours from the plan start (nights, weekends and closures left out)</text>"##,
        y = height - 8
    );
    out.push_str("</svg>\n");
    out
}
