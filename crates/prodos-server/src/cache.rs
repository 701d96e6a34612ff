//! Rendered reads cached by the ledger head they were rendered at: plan reads (JSON detail, Gantt
//! SVG) per plan, and whole pages and task lists per viewer and route. A plan's detail prices the
//! plan from current stock, so any new event may change it: an entry is used only while the head
//! has not moved. Rendering a 12-guitar plan (~60 KB of JSON, a 214 KB task board) costs far more
//! than a lookup, and these are what the dashboard polls.

use crate::auth::{Credential, Principal, Role};
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

/// How many rendered pages are kept; past it the oldest is dropped. A few hundred covers every
/// signed-in viewer's few hot pages at one head without letting many sessions grow it unbounded.
pub const PAGE_CACHE_ENTRIES: usize = 256;

/// Everything of the caller a rendering may show: pages carry the session's CSRF token in their
/// forms and offer actions by role and handle, so one viewer's page must never reach another.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Viewer {
    /// The rendering does not depend on who asks (e.g. the JSON task list).
    Anyone,
    Signed {
        handle: String,
        role: Role,
        credential: Credential,
    },
}

impl Viewer {
    pub fn of(principal: &Principal) -> Viewer {
        Viewer::Signed {
            handle: principal.handle.clone(),
            role: principal.role,
            credential: principal.credential.clone(),
        }
    }
}

/// One cached page: who it was rendered for and the canonical route with its query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub viewer: Viewer,
    pub route: String,
}

struct PageEntry {
    head_seq: u64,
    /// When it was kept, in insertions; the smallest is the oldest.
    stamp: u64,
    bytes: Bytes,
}

#[derive(Default)]
struct Pages {
    entries: HashMap<PageKey, PageEntry>,
    next_stamp: u64,
}

/// Rendered pages and lists per viewer and route, valid while the head stays where they were
/// rendered, at most `capacity` of them.
pub struct PageCache {
    pages: RwLock<Pages>,
    capacity: usize,
}

impl Default for PageCache {
    fn default() -> PageCache {
        PageCache::with_capacity(PAGE_CACHE_ENTRIES)
    }
}

impl PageCache {
    pub fn with_capacity(capacity: usize) -> PageCache {
        PageCache { pages: RwLock::default(), capacity: capacity.max(1) }
    }

    /// The cached bytes if they were rendered for this key at `head_seq`.
    pub fn get(&self, key: &PageKey, head_seq: u64) -> Option<Bytes> {
        let pages = self.pages.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        pages.entries.get(key).filter(|entry| entry.head_seq == head_seq).map(|entry| entry.bytes.clone())
    }

    /// Keeps `bytes` rendered at `head_seq`: entries of older heads are dropped on the way, then
    /// the oldest ones while the cache is over capacity.
    pub fn put(&self, key: PageKey, head_seq: u64, bytes: Bytes) {
        let mut pages = self.pages.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        pages.entries.retain(|_, entry| entry.head_seq >= head_seq);
        let stamp = pages.next_stamp;
        pages.next_stamp += 1;
        pages.entries.insert(key, PageEntry { head_seq, stamp, bytes });
        while pages.entries.len() > self.capacity {
            let oldest = pages.entries.iter().min_by_key(|(_, entry)| entry.stamp).map(|(key, _)| key.clone());
            match oldest {
                Some(oldest) => pages.entries.remove(&oldest),
                None => break,
            };
        }
    }

    pub fn len(&self) -> usize {
        self.pages.read().unwrap_or_else(|poisoned| poisoned.into_inner()).entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes for `key` at the current head: cached, or rendered by `render` and kept when the
    /// head did not move while rendering (otherwise they are answered but not kept).
    pub fn get_or_render<E>(
        &self,
        key: PageKey,
        head_seq: impl Fn() -> u64,
        render: impl FnOnce() -> Result<Bytes, E>,
    ) -> Result<Bytes, E> {
        let before = head_seq();
        if let Some(bytes) = self.get(&key, before) {
            return Ok(bytes);
        }
        let bytes = render()?;
        if head_seq() == before {
            self.put(key, before, bytes.clone());
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

    fn page(handle: &str, csrf: &str, route: &str) -> PageKey {
        PageKey {
            viewer: Viewer::Signed {
                handle: handle.into(),
                role: Role::Participant,
                credential: Credential::Session { csrf_token: csrf.into() },
            },
            route: route.into(),
        }
    }

    #[test]
    fn a_page_serves_only_its_viewer_route_and_head() {
        let cache = PageCache::default();
        cache.put(page("ada", "t1", "/tasks"), 5, Bytes::from_static(b"ada's board"));
        assert_eq!(cache.get(&page("ada", "t1", "/tasks"), 5).as_deref(), Some(&b"ada's board"[..]));
        assert_eq!(cache.get(&page("ada", "t2", "/tasks"), 5), None, "another session of the same person");
        assert_eq!(cache.get(&page("bob", "t1", "/tasks"), 5), None);
        assert_eq!(cache.get(&page("ada", "t1", "/plans"), 5), None);
        assert_eq!(cache.get(&page("ada", "t1", "/tasks"), 6), None);
        cache.put(page("bob", "t3", "/tasks"), 6, Bytes::from_static(b"bob's board"));
        assert_eq!(cache.len(), 1, "entries of an older head are dropped");
    }

    #[test]
    fn past_capacity_the_oldest_page_goes() {
        let cache = PageCache::with_capacity(2);
        cache.put(page("ada", "t1", "/tasks"), 1, Bytes::from_static(b"1"));
        cache.put(page("bob", "t2", "/tasks"), 1, Bytes::from_static(b"2"));
        cache.put(page("cy", "t3", "/tasks"), 1, Bytes::from_static(b"3"));
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.get(&page("ada", "t1", "/tasks"), 1), None);
        assert!(cache.get(&page("bob", "t2", "/tasks"), 1).is_some());
        assert!(cache.get(&page("cy", "t3", "/tasks"), 1).is_some());
    }
}
