//! A check's control chart as hand-written SVG, for the server's quality page: the individuals
//! (or X̄) chart with each stage's center line, control limits and ±1σ/±2σ zones, stage
//! boundaries, the specification limits and every point (signalled ones marked), and below it
//! the moving-range (or range) chart. A pure function of the [`SpcView`]: the same view always
//! draws the same bytes (coordinates and values at fixed precision).

use crate::views::quality::{ChartStageView, SpcView};
use std::fmt::Write as _;

const WIDTH: f64 = 760.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 96.0;
const MAIN_TOP: f64 = 34.0;
const MAIN_HEIGHT: f64 = 260.0;
/// Between the main chart's axis labels and the range chart.
const GAP: f64 = 52.0;
const RANGE_HEIGHT: f64 = 100.0;
const BOTTOM: f64 = 40.0;
/// At most this many sample numbers on the x axis.
const X_LABELS: usize = 12;

const SERIES: &str = "#2c5282";
const SIGNAL: &str = "#a4161a";
const SPEC: &str = "#d62728";
const LIMIT: &str = "#444";
const GRID: &str = "#e2e2e2";
const MUTED: &str = "#5a5a5a";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Decimals to show this chart's values with: enough to tell its limits apart (three for a
/// chart spanning tenths of a millimetre), at most six. The page's tables use the same.
pub fn precision(view: &SpcView) -> usize {
    let (low, high) = value_bounds(view);
    let span = high - low;
    if !span.is_finite() || span <= 0.0 {
        return 3;
    }
    (2 - span.log10().floor() as i64).clamp(0, 6) as usize
}

/// A value at `digits` decimals, never `-0.000`.
pub fn format_value(value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') { text[1..].to_string() } else { text }
}

/// The lowest and highest value the main chart must show: points, limits, spec limits.
fn value_bounds(view: &SpcView) -> (f64, f64) {
    let values = view
        .points
        .iter()
        .map(|point| point.value)
        .chain(view.stages.iter().flat_map(|stage| [stage.lcl, stage.ucl, stage.center]))
        .chain(view.lower_spec)
        .chain(view.upper_spec)
        .filter(|value| value.is_finite());
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), value| (low.min(value), high.max(value)))
}

/// A padded axis range that is never empty.
fn padded(low: f64, high: f64) -> (f64, f64) {
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 1.0);
    }
    let span = high - low;
    if span <= f64::EPSILON * high.abs().max(1.0) {
        let pad = (low.abs() * 0.1).max(0.5);
        return (low - pad, high + pad);
    }
    (low - span * 0.06, high + span * 0.06)
}

/// A round tick step (1, 2 or 5 × 10ⁿ) giving about `count` ticks over `span`.
fn tick_step(span: f64, count: f64) -> f64 {
    let raw = span / count;
    let magnitude = 10f64.powf(raw.log10().floor());
    let unit = raw / magnitude;
    let nice = if unit <= 1.0 {
        1.0
    } else if unit <= 2.0 {
        2.0
    } else if unit <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// A value's name in the right margin, at the height of its line.
struct MarginLabel {
    y: f64,
    text: String,
    fill: &'static str,
}

/// One plotting area: values `low..high` drawn from `top` down `height` pixels, `n` samples
/// across the width between the margins.
struct Panel {
    top: f64,
    height: f64,
    low: f64,
    high: f64,
    n: usize,
}

impl Panel {
    fn plot_width() -> f64 {
        WIDTH - LEFT - RIGHT
    }

    fn x(&self, index: usize) -> f64 {
        LEFT + (index as f64 + 0.5) * Panel::plot_width() / self.n.max(1) as f64
    }

    /// Where stage boundary `index` (between sample `index - 1` and `index`) falls.
    fn boundary(&self, index: usize) -> f64 {
        LEFT + index as f64 * Panel::plot_width() / self.n.max(1) as f64
    }

    fn y(&self, value: f64) -> f64 {
        let clamped = value.clamp(self.low, self.high);
        self.top + self.height * (self.high - clamped) / (self.high - self.low)
    }

    fn contains(&self, value: f64) -> bool {
        value.is_finite() && value >= self.low && value <= self.high
    }

    /// The frame, horizontal grid lines with value labels, and the axis title.
    fn axes(&self, out: &mut String, digits: usize, title: &str) {
        let step = tick_step(self.high - self.low, 5.0);
        let tick_digits = digits.max((-step.log10().floor()).max(0.0) as usize);
        let mut tick = (self.low / step).ceil() * step;
        while tick <= self.high + step * 1e-9 {
            let y = self.y(tick);
            let _ = writeln!(
                out,
                r#"<line class="grid" x1="{LEFT:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{GRID}"/><text x="{tx:.1}" y="{ty:.1}" text-anchor="end" fill="{MUTED}">{label}</text>"#,
                x2 = WIDTH - RIGHT,
                tx = LEFT - 6.0,
                ty = y + 3.5,
                label = format_value(tick, tick_digits),
            );
            tick += step;
        }
        let _ = writeln!(
            out,
            r##"<rect class="frame" x="{LEFT:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" fill="none" stroke="#999"/>"##,
            top = self.top,
            w = Panel::plot_width(),
            h = self.height,
        );
        let _ = writeln!(
            out,
            r#"<text class="axis-title" x="14" y="{y:.1}" fill="{MUTED}" text-anchor="middle" transform="rotate(-90 14 {y:.1})">{title}</text>"#,
            y = self.top + self.height / 2.0,
            title = escape(title),
        );
    }

    /// Sample numbers (1-based) every few samples under the panel, and stage boundaries.
    fn sample_axis(&self, out: &mut String) {
        let every = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
            .into_iter()
            .find(|every| self.n.div_ceil(*every) <= X_LABELS)
            .unwrap_or(self.n.div_ceil(X_LABELS).max(1));
        let y = self.top + self.height + 14.0;
        // Multiples of `every`, and the first sample when that leaves room beside the first multiple.
        for index in (0..self.n).filter(|index| (index + 1) % every == 0 || (*index == 0 && every >= 5)) {
            let _ = writeln!(
                out,
                r#"<text class="sample-label" x="{x:.1}" y="{y:.1}" text-anchor="middle" fill="{MUTED}">{label}</text>"#,
                x = self.x(index),
                label = index + 1,
            );
        }
    }

    /// A horizontal line over samples `start..end`.
    #[allow(clippy::too_many_arguments)]
    fn level(&self, out: &mut String, class: &str, start: usize, end: usize, value: f64, dashed: bool, tip: &str) {
        if !self.contains(value) {
            return;
        }
        let dash = if dashed { r#" stroke-dasharray="6 4""# } else { "" };
        let _ = writeln!(
            out,
            r#"<line class="{class}" x1="{x1:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{LIMIT}" stroke-width="1.2"{dash}><title>{tip}</title></line>"#,
            x1 = self.boundary(start),
            x2 = self.boundary(end),
            y = self.y(value),
            tip = escape(tip),
        );
    }

    /// A label for the right margin at `value`, if it is on the panel.
    fn margin_label(&self, labels: &mut Vec<MarginLabel>, value: f64, text: String, fill: &'static str) {
        if self.contains(value) {
            labels.push(MarginLabel { y: self.y(value), text, fill });
        }
    }

    /// The margin labels, top to bottom, each moved down just enough not to overlap the one above
    /// (then the stack moved back up if it ran past the panel's bottom).
    fn place_labels(&self, out: &mut String, mut labels: Vec<MarginLabel>) {
        const LINE: f64 = 11.0;
        labels.sort_by(|a, b| a.y.total_cmp(&b.y).then_with(|| a.text.cmp(&b.text)));
        let mut placed: Vec<f64> = Vec::with_capacity(labels.len());
        for label in &labels {
            let y = placed.last().map_or(label.y, |above| label.y.max(above + LINE));
            placed.push(y);
        }
        let overrun = placed.last().map_or(0.0, |last| (last - (self.top + self.height)).max(0.0));
        for (label, y) in labels.iter().zip(placed) {
            let _ = writeln!(
                out,
                r#"<text class="margin-label" x="{x:.1}" y="{y:.1}" fill="{fill}">{text}</text>"#,
                x = WIDTH - RIGHT + 6.0,
                y = (y - overrun).max(self.top - 8.0) + 3.5,
                fill = label.fill,
                text = escape(&label.text),
            );
        }
    }
}

/// The whole chart as an SVG element, sized by its `viewBox` to the width of its container.
pub fn control_chart_svg(view: &SpcView) -> String {
    let signalled = view.points.iter().filter(|point| !point.signalled.is_empty()).count();
    let label = format!(
        "Control chart of {}: {} sample{}, {} signal{}{}",
        view.check_name,
        view.points.len(),
        if view.points.len() == 1 { "" } else { "s" },
        view.signals.len(),
        if view.signals.len() == 1 { "" } else { "s" },
        if signalled > 0 { format!(" marking {signalled} point(s)") } else { String::new() },
    );
    let mut out = String::new();
    if view.points.is_empty() {
        let height = 90.0;
        open_svg(&mut out, height, &label, 12);
        let _ = writeln!(
            out,
            r##"<rect x="0.5" y="0.5" width="{w:.1}" height="{h:.1}" fill="#fff" stroke="#ccc"/><text class="no-limits" x="{x:.1}" y="50" text-anchor="middle" fill="{MUTED}">No limits yet: {name} has no samples to chart.</text>"##,
            w = WIDTH - 1.0,
            h = height - 1.0,
            x = WIDTH / 2.0,
            name = escape(&view.check_name),
        );
        out.push_str("</svg>\n");
        return out;
    }

    let n = view.points.len();
    let digits = precision(view);
    let (low, high) = value_bounds(view);
    let (low, high) = padded(low, high);
    let main = Panel { top: MAIN_TOP, height: MAIN_HEIGHT, low, high, n };
    let range_top = MAIN_TOP + MAIN_HEIGHT + GAP;
    let range_high = view
        .points
        .iter()
        .filter_map(|point| point.range)
        .chain(view.stages.iter().map(|stage| stage.range_ucl))
        .filter(|value| value.is_finite())
        .fold(0.0_f64, f64::max);
    let range = Panel {
        top: range_top,
        height: RANGE_HEIGHT,
        low: 0.0,
        high: if range_high > 0.0 { range_high * 1.1 } else { 1.0 },
        n,
    };
    let height = range_top + RANGE_HEIGHT + BOTTOM;
    let (main_name, range_name) =
        if view.chart == "mean" { ("Subgroup mean", "Range") } else { ("Individual value", "Moving range") };

    open_svg(&mut out, height, &label, 11);
    let _ = writeln!(
        out,
        r#"<text x="{LEFT:.1}" y="16" font-size="13" font-weight="bold">{title}</text>"#,
        title = escape(&format!("{main_name} — {} ({})", view.check_name, view.spec)),
    );

    // Zones first, so lines and points draw over them.
    for stage in &view.stages {
        zones(&mut out, &main, stage);
    }
    let unit = if view.unit.is_empty() { String::new() } else { format!(" ({})", view.unit) };
    main.axes(&mut out, digits, &format!("{main_name}{unit}"));
    for stage in &view.stages {
        let (start, end) = (stage.start.min(n), stage.end.min(n));
        let name = &stage.label;
        let value = |v: f64| format_value(v, digits);
        main.level(
            &mut out,
            "center",
            start,
            end,
            stage.center,
            false,
            &format!("{name}: center {}", value(stage.center)),
        );
        main.level(&mut out, "ucl", start, end, stage.ucl, true, &format!("{name}: UCL {}", value(stage.ucl)));
        main.level(&mut out, "lcl", start, end, stage.lcl, true, &format!("{name}: LCL {}", value(stage.lcl)));
    }
    let mut labels = Vec::new();
    if let Some(stage) = view.stages.last() {
        let value = |v: f64| format_value(v, digits);
        main.margin_label(&mut labels, stage.ucl, format!("UCL {}", value(stage.ucl)), LIMIT);
        main.margin_label(&mut labels, stage.center, format!("CL {}", value(stage.center)), LIMIT);
        main.margin_label(&mut labels, stage.lcl, format!("LCL {}", value(stage.lcl)), LIMIT);
    }
    for (class, name, spec) in
        [("spec spec-lower", "LSL", view.lower_spec), ("spec spec-upper", "USL", view.upper_spec)]
    {
        let Some(spec) = spec.filter(|spec| main.contains(*spec)) else { continue };
        let _ = writeln!(
            out,
            r#"<line class="{class}" x1="{LEFT:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{SPEC}" stroke-width="0.8"><title>{tip}</title></line>"#,
            x2 = WIDTH - RIGHT,
            y = main.y(spec),
            tip = escape(&format!("{name} (specification) {}", format_value(spec, digits))),
        );
        main.margin_label(&mut labels, spec, format!("{name} {}", format_value(spec, digits)), SPEC);
    }
    main.place_labels(&mut out, labels);
    stage_boundaries(&mut out, &main, &range, view);

    // The series, in order, then its points.
    let line: Vec<String> = view
        .points
        .iter()
        .enumerate()
        .map(|(index, point)| format!("{:.1},{:.1}", main.x(index), main.y(point.value)))
        .collect();
    let _ = writeln!(
        out,
        r#"<polyline class="series" points="{}" fill="none" stroke="{SERIES}" stroke-width="1.5"/>"#,
        line.join(" ")
    );
    for (index, point) in view.points.iter().enumerate() {
        let value = format!(
            "{}{}",
            format_value(point.value, digits),
            if view.unit.is_empty() { String::new() } else { format!(" {}", view.unit) }
        );
        let stage = view.stages.get(point.stage).map(|stage| format!(" · {}", stage.label)).unwrap_or_default();
        if point.signalled.is_empty() {
            let _ = writeln!(
                out,
                r#"<circle class="point" data-inspection="{id}" cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{SERIES}"><title>{tip}</title></circle>"#,
                id = escape(&point.inspection),
                x = main.x(index),
                y = main.y(point.value),
                tip = escape(&format!("#{} {}: {value}{stage}", index + 1, point.inspection)),
            );
        } else {
            let _ = writeln!(
                out,
                r##"<circle class="point signalled" data-inspection="{id}" cx="{x:.1}" cy="{y:.1}" r="6.5" fill="#fff" stroke="{SIGNAL}" stroke-width="3"><title>{tip}</title></circle>"##,
                id = escape(&point.inspection),
                x = main.x(index),
                y = main.y(point.value),
                tip = escape(&format!(
                    "#{} {}: {value}{stage} — signalled: {}",
                    index + 1,
                    point.inspection,
                    point.signalled.join(", ")
                )),
            );
        }
    }
    main.sample_axis(&mut out);

    // The range chart: its center and upper limit per stage, and the ranges (none at an I–MR
    // stage's first point, so the line breaks there).
    let _ = writeln!(
        out,
        r#"<text x="{LEFT:.1}" y="{y:.1}" font-size="12" font-weight="bold">{range_name}</text>"#,
        y = range_top - 8.0,
    );
    range.axes(&mut out, digits, range_name);
    for stage in &view.stages {
        let (start, end) = (stage.start.min(n), stage.end.min(n));
        let name = &stage.label;
        let value = |v: f64| format_value(v, digits);
        range.level(
            &mut out,
            "range-center",
            start,
            end,
            stage.range_center,
            false,
            &format!("{name}: {range_name} center {}", value(stage.range_center)),
        );
        range.level(
            &mut out,
            "range-ucl",
            start,
            end,
            stage.range_ucl,
            true,
            &format!("{name}: {range_name} UCL {}", value(stage.range_ucl)),
        );
    }
    let mut labels = Vec::new();
    if let Some(stage) = view.stages.last() {
        let value = |v: f64| format_value(v, digits);
        range.margin_label(&mut labels, stage.range_ucl, format!("UCL {}", value(stage.range_ucl)), LIMIT);
        range.margin_label(&mut labels, stage.range_center, format!("CL {}", value(stage.range_center)), LIMIT);
    }
    range.place_labels(&mut out, labels);
    let mut run: Vec<String> = Vec::new();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for (index, point) in view.points.iter().enumerate() {
        match point.range.filter(|range| range.is_finite()) {
            Some(value) => run.push(format!("{:.1},{:.1}", range.x(index), range.y(value))),
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for run in runs.into_iter().filter(|run| !run.is_empty()) {
        let _ = writeln!(
            out,
            r#"<polyline class="range-series" points="{}" fill="none" stroke="{SERIES}" stroke-width="1.2"/>"#,
            run.join(" ")
        );
    }
    range.sample_axis(&mut out);
    let _ = writeln!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" fill="{MUTED}">sample (in inspection order)</text>"#,
        x = LEFT + Panel::plot_width() / 2.0,
        y = height - 8.0,
    );
    out.push_str("</svg>\n");
    out
}

/// A stage's ±2σ and ±1σ zones as light bands around its center line.
fn zones(out: &mut String, panel: &Panel, stage: &ChartStageView) {
    if !(stage.sigma.is_finite() && stage.sigma > 0.0 && stage.center.is_finite()) {
        return;
    }
    let (start, end) = (stage.start.min(panel.n), stage.end.min(panel.n));
    if start >= end {
        return;
    }
    for (k, fill) in [(2.0, "#eef4fb"), (1.0, "#dce8f5")] {
        let (top, bottom) = (panel.y(stage.center + k * stage.sigma), panel.y(stage.center - k * stage.sigma));
        let _ = writeln!(
            out,
            r#"<rect class="zone zone-{k:.0}" x="{x:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}"/>"#,
            x = panel.boundary(start),
            w = panel.boundary(end) - panel.boundary(start),
            h = (bottom - top).max(0.0),
        );
    }
}

/// A vertical separator across both panels where each stage after the first begins, and every
/// stage's label at its top.
fn stage_boundaries(out: &mut String, main: &Panel, range: &Panel, view: &SpcView) {
    for (number, stage) in view.stages.iter().enumerate() {
        let start = stage.start.min(main.n);
        let x = main.boundary(start);
        if number > 0 {
            let _ = writeln!(
                out,
                r##"<line class="stage-boundary" x1="{x:.1}" y1="{top:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="#777" stroke-width="1.5" stroke-dasharray="2 3"/>"##,
                top = main.top - 12.0,
                bottom = range.top + range.height,
            );
        }
        let _ = writeln!(
            out,
            r#"<text class="stage-label" x="{tx:.1}" y="{ty:.1}" fill="{MUTED}">{label}</text>"#,
            tx = x + 4.0,
            ty = main.top - 4.0,
            label = escape(&format!("{}{}", stage.label, if stage.frozen { " (frozen)" } else { "" })),
        );
    }
}

/// The chart's `<svg>` element with its accessible name, and its `<title>`.
fn open_svg(out: &mut String, height: f64, label: &str, font_size: u32) {
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="control-chart" viewBox="0 0 {WIDTH:.0} {height:.0}" width="100%" role="img" aria-label="{label}" font-family="sans-serif" font-size="{font_size}">"#,
        label = escape(label),
    );
    let _ = writeln!(out, "<title>{}</title>", escape(label));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::quality::{ChartPointView, SignalView};

    fn stage(label: &str, start: usize, end: usize, center: f64) -> ChartStageView {
        ChartStageView {
            label: label.into(),
            start,
            end,
            frozen: start == 0,
            baseline_points: end.saturating_sub(start),
            center,
            sigma: 0.01,
            lcl: center - 0.03,
            ucl: center + 0.03,
            range_center: 0.011,
            range_ucl: 0.037,
        }
    }

    fn view(values: &[f64], signalled: &[usize]) -> SpcView {
        let points = values
            .iter()
            .enumerate()
            .map(|(index, value)| ChartPointView {
                inspection: format!("INS-{:04}", index + 1),
                value: *value,
                range: (index != 0 && index != 6).then(|| (value - values[index - 1]).abs()),
                stage: usize::from(index >= 6),
                signalled: if signalled.contains(&index) { vec!["Nelson 5".into()] } else { Vec::new() },
            })
            .collect();
        SpcView {
            design: "DES-0001".into(),
            operation: "setup".into(),
            check: "neck-relief".into(),
            check_name: "neck relief <at> the 7th fret".into(),
            spec: "0.25 ± 0.05 mm".into(),
            unit: "mm".into(),
            lower_spec: Some(0.2),
            upper_spec: Some(0.3),
            chart: "individuals".into(),
            rules: vec!["Nelson 1".into(), "Nelson 5".into()],
            points,
            stages: vec![stage("baseline", 0, 6, 0.25), stage("new gauge", 6, values.len(), 0.26)],
            signals: vec![SignalView {
                id: "SIG-0001".into(),
                rule: "Nelson 5".into(),
                chart: "individuals".into(),
                samples: signalled.iter().map(|index| format!("INS-{:04}", index + 1)).collect(),
                shared_crew: Vec::new(),
                shared_tools: Vec::new(),
                shared_lots: Vec::new(),
                at_ms: 0,
            }],
            capability: None,
        }
    }

    const VALUES: [f64; 10] = [0.25, 0.248, 0.252, 0.251, 0.247, 0.253, 0.26, 0.27, 0.279, 0.281];

    #[test]
    fn one_circle_per_point_and_the_signalled_ones_are_marked() {
        let svg = control_chart_svg(&view(&VALUES, &[8, 9]));
        assert_eq!(svg.matches("<circle").count(), VALUES.len());
        assert_eq!(svg.matches(r#"class="point signalled""#).count(), 2);
        let signalled = svg.split(r#"data-inspection="INS-0009""#).nth(1).expect("the ninth point");
        let tip = signalled.split("</title>").next().expect("its title");
        assert!(tip.contains("INS-0009: 0.279 mm") && tip.contains("signalled: Nelson 5"), "{tip}");
        assert!(svg.contains("<title>#1 INS-0001: 0.250 mm · baseline</title>"), "{svg}");
        assert!(
            svg.contains(r#"role="img""#) && svg.contains(r#"viewBox="0 0 760 "#) && svg.contains(r#"width="100%""#)
        );
        assert!(svg.contains(r#"aria-label="Control chart of neck relief &lt;at&gt; the 7th fret: 10 samples, 1 signal marking 2 point(s)""#), "{svg}");
        assert!(!svg.contains("<at>"), "text is escaped");
    }

    #[test]
    fn limits_zones_spec_limits_and_stages_are_drawn() {
        let svg = control_chart_svg(&view(&VALUES, &[]));
        assert_eq!(svg.matches(r#"class="ucl""#).count(), 2, "a UCL per stage");
        assert_eq!(svg.matches(r#"class="lcl""#).count(), 2, "an LCL per stage");
        assert_eq!(svg.matches(r#"class="center""#).count(), 2);
        assert!(svg.contains(r#"stroke-dasharray="6 4""#), "control limits are dashed");
        assert_eq!(svg.matches(r#"class="zone zone-1""#).count(), 2);
        assert_eq!(svg.matches(r#"class="zone zone-2""#).count(), 2);
        assert_eq!(svg.matches(r#"class="stage-boundary""#).count(), 1, "one boundary between two stages");
        assert!(svg.contains(">baseline (frozen)</text>") && svg.contains(">new gauge</text>"));
        assert!(svg.contains(r#"class="spec spec-lower""#) && svg.contains(r#"class="spec spec-upper""#));
        assert!(svg.contains("UCL 0.290") && svg.contains("LCL 0.230") && svg.contains("CL 0.260"));
        assert_eq!(svg.matches(r#"class="range-ucl""#).count(), 2);
        assert_eq!(svg.matches(r#"class="range-series""#).count(), 2, "the moving range breaks at a new stage");
        assert_eq!(svg.matches(r#"class="series""#).count(), 1);
        assert!(svg.contains(">Moving range</text>"));
    }

    #[test]
    fn the_drawing_is_deterministic_and_well_formed() {
        let one = control_chart_svg(&view(&VALUES, &[9]));
        assert_eq!(one, control_chart_svg(&view(&VALUES, &[9])));
        assert!(one.starts_with("<svg ") && one.trim_end().ends_with("</svg>"));
        assert!(!one.contains("NaN") && !one.contains("inf"));
        assert_eq!(one.matches("<title>").count(), one.matches("</title>").count());
    }

    #[test]
    fn margin_labels_never_overlap() {
        let mut close = view(&VALUES, &[]);
        // The spec limits a hair outside the control limits: four labels within a few pixels.
        (close.lower_spec, close.upper_spec) = (Some(0.229), Some(0.291));
        let svg = control_chart_svg(&close);
        let mut heights: Vec<f64> = svg
            .lines()
            .filter(|line| line.starts_with(r#"<text class="margin-label""#))
            .map(|line| line.split(r#"y=""#).nth(1).and_then(|rest| rest.split('"').next()).unwrap().parse().unwrap())
            .collect();
        assert_eq!(heights.len(), 5 + 2, "UCL, CL, LCL, LSL, USL and the range chart's UCL and CL");
        heights.truncate(5);
        heights.sort_by(f64::total_cmp);
        assert!(heights.windows(2).all(|pair| pair[1] - pair[0] >= 10.9), "{heights:?}");
    }

    #[test]
    fn sample_numbers_thin_out_on_a_long_series() {
        let values: Vec<f64> = (0..60).map(|index| 0.25 + f64::from(index % 5) * 0.001).collect();
        let svg = control_chart_svg(&view(&values, &[]));
        // Every fifth sample, on each of the two panels.
        assert_eq!(svg.matches(r#"class="sample-label""#).count(), 2 * 13);
    }

    #[test]
    fn an_empty_chart_says_it_has_no_limits_yet() {
        let mut empty = view(&[], &[]);
        empty.stages.clear();
        empty.signals.clear();
        let svg = control_chart_svg(&empty);
        assert!(svg.to_lowercase().contains("no limits yet"), "{svg}");
        assert!(svg.contains(r#"role="img""#) && svg.contains("0 samples, 0 signals"));
        assert!(!svg.contains("<circle"));
    }

    #[test]
    fn a_flat_series_still_has_an_axis() {
        let mut flat = view(&[0.25; 8], &[]);
        for stage in &mut flat.stages {
            stage.sigma = 0.0;
            (stage.lcl, stage.ucl, stage.center) = (0.25, 0.25, 0.25);
        }
        (flat.lower_spec, flat.upper_spec) = (None, None);
        let svg = control_chart_svg(&flat);
        assert_eq!(svg.matches("<circle").count(), 8);
        assert!(!svg.contains("NaN") && !svg.contains("zone"));
        assert_eq!(format_value(-0.0001, 3), "0.000");
    }
}
