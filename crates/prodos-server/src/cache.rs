//! Rendered plan reads (JSON detail, Gantt SVG), cached per plan and keyed by the ledger head they
//! were rendered at. A plan's detail prices the plan from current stock, so any new event may
//! change it: an entry is used only while the head has not moved. Rendering a 12-guitar plan
//! (~60 KB of JSON) costs far more than a lookup, and plan reads are what the dashboard polls.

use axum::body::Bytes;
use prodos_core::PlanId;
use std::collections::HashMap;
use std::sync::RwLock;

/// Which rendering of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rendering {
    DetailJson,
    GanttSvg,
}

#[derive(Default)]
pub struct PlanCache {
    entries: RwLock<HashMap<(PlanId, Rendering), (u64, Bytes)>>,
}

impl PlanCache {
    /// The cached bytes if they were rendered at `head_seq`.
    pub fn get(&self, plan: PlanId, rendering: Rendering, head_seq: u64) -> Option<Bytes> {
        let entries = self.entries.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        match entries.get(&(plan, rendering)) {
            Some((seq, bytes)) if *seq == head_seq => Some(bytes.clone()),
            _ => None,
        }
    }

    /// Keeps `bytes` rendered at `head_seq`; entries of older heads are dropped on the way, so
    /// the cache holds at most one head's renderings of each plan.
    pub fn put(&self, plan: PlanId, rendering: Rendering, head_seq: u64, bytes: Bytes) {
        let mut entries = self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.retain(|_, (seq, _)| *seq >= head_seq);
        entries.insert((plan, rendering), (head_seq, bytes));
    }

    /// The bytes for `plan` at the current head: cached, or rendered by `render` and kept when the
    /// head did not move while rendering (otherwise they are answered but not kept).
    pub fn get_or_render<E>(
        &self,
        plan: PlanId,
        rendering: Rendering,
        head_seq: impl Fn() -> u64,
        render: impl FnOnce() -> Result<Bytes, E>,
    ) -> Result<Bytes, E> {
        let before = head_seq();
        if let Some(bytes) = self.get(plan, rendering, before) {
            return Ok(bytes);
        }
        let bytes = render()?;
        if head_seq() == before {
            self.put(plan, rendering, before, bytes.clone());
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_serves_only_its_own_head() {
        let cache = PlanCache::default();
        let plan = PlanId(31);
        cache.put(plan, Rendering::DetailJson, 7, Bytes::from_static(b"seven"));
        assert_eq!(cache.get(plan, Rendering::DetailJson, 7).as_deref(), Some(&b"seven"[..]));
        assert_eq!(cache.get(plan, Rendering::DetailJson, 8), None);
        assert_eq!(cache.get(plan, Rendering::GanttSvg, 7), None);
    }

    #[test]
    fn rendering_while_the_head_moves_is_answered_but_not_kept() {
        let cache = PlanCache::default();
        let head = std::cell::Cell::new(3);
        let bytes = cache
            .get_or_render::<()>(
                PlanId(1),
                Rendering::GanttSvg,
                || head.get(),
                || {
                    head.set(4);
                    Ok(Bytes::from_static(b"svg"))
                },
            )
            .unwrap();
        assert_eq!(&bytes[..], b"svg");
        assert_eq!(cache.get(PlanId(1), Rendering::GanttSvg, 3), None);
        assert_eq!(cache.get(PlanId(1), Rendering::GanttSvg, 4), None);
    }
}
