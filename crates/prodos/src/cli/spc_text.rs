//! A control chart as text for `prodos spc show`: each sample one row, placed between its
//! stage's control limits (the zones at 1σ and 2σ marked), signalled samples flagged with the
//! rule, then the limits per stage, the capability and the signals with what they share.

use prodos_app::views::quality::SpcView;
use std::fmt::Write;

/// Characters between the lower and the upper control limit.
const WIDTH: usize = 49;

pub fn render(view: &SpcView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} `{}` ({}): {}", view.design, view.operation, view.check, view.check_name, view.spec);
    let _ = writeln!(out, "chart: {}, rules: {}", view.chart, view.rules.join(", "));
    if view.points.is_empty() {
        let _ = writeln!(out, "fewer than two measurements: no control limits yet");
        return out;
    }
    for (index, stage) in view.stages.iter().enumerate() {
        let how = if stage.frozen {
            "frozen".to_string()
        } else {
            format!("from its first {} samples", stage.baseline_points)
        };
        let _ = writeln!(
            out,
            "stage {} `{}` (samples {}–{}): center {:.4}, σ {:.4}, LCL {:.4}, UCL {:.4}, {how}; range center {:.4}, UCL {:.4}",
            index + 1,
            stage.label,
            stage.start + 1,
            stage.end,
            stage.center,
            stage.sigma,
            stage.lcl,
            stage.ucl,
            stage.range_center,
            stage.range_ucl,
        );
    }
    let _ = writeln!(out);
    for (index, point) in view.points.iter().enumerate() {
        let stage = &view.stages[point.stage];
        let row = bar(point.value, stage.lcl, stage.ucl);
        let flags =
            if point.signalled.is_empty() { String::new() } else { format!(" ◆ {}", point.signalled.join(", ")) };
        let _ = writeln!(out, "{:>4} {:<9} {:>10.4} {row}{flags}", index + 1, point.inspection, point.value);
    }
    if let Some(capability) = &view.capability {
        let number = |value: Option<f64>| value.map_or("-".to_string(), |value| format!("{value:.2}"));
        let _ = writeln!(
            out,
            "\ncapability (current stage): Cp {} Cpk {} Pp {} Ppk {}{}",
            number(capability.cp),
            number(capability.cpk),
            number(capability.pp),
            number(capability.ppk),
            capability.band.map(|band| format!(" — {band}")).unwrap_or_default(),
        );
    }
    if view.signals.is_empty() {
        let _ = writeln!(out, "no signals");
    }
    for signal in &view.signals {
        let mut shared = Vec::new();
        if !signal.shared_crew.is_empty() {
            shared.push(format!("crew {}", signal.shared_crew.join(", ")));
        }
        if !signal.shared_tools.is_empty() {
            shared.push(format!("tools {}", signal.shared_tools.join(", ")));
        }
        if !signal.shared_lots.is_empty() {
            shared.push(format!("lots {}", signal.shared_lots.join(", ")));
        }
        let shared = if shared.is_empty() { String::new() } else { format!("; all share {}", shared.join("; ")) };
        let _ = writeln!(
            out,
            "{} {} on the {} chart: {} ({} samples){shared}",
            signal.id,
            signal.rule,
            signal.chart,
            signal.samples.join(" "),
            signal.samples.len()
        );
    }
    out
}

/// `|····:····C····:····|` with `*` at the value; `<` or `>` beyond a control limit.
fn bar(value: f64, lcl: f64, ucl: f64) -> String {
    let mut cells: Vec<char> = vec![' '; WIDTH];
    for (zone, mark) in [(1.0 / 6.0, ':'), (2.0 / 6.0, ':'), (0.5, 'C'), (4.0 / 6.0, ':'), (5.0 / 6.0, ':')] {
        cells[((WIDTH - 1) as f64 * zone).round() as usize] = mark;
    }
    let span = ucl - lcl;
    let (left, right) = if span > 0.0 && value < lcl {
        ('<', '|')
    } else if span > 0.0 && value > ucl {
        ('|', '>')
    } else {
        let at = if span > 0.0 { ((value - lcl) / span * (WIDTH - 1) as f64).round() as usize } else { WIDTH / 2 };
        cells[at.min(WIDTH - 1)] = '*';
        ('|', '|')
    };
    format!("{left}{}{right}", cells.into_iter().collect::<String>())
}
