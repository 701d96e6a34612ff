//! What maintenance means for production: a down asset is a unit of its tool or workstation the
//! planner cannot count on until its repair is verified, and a task that needs a tool none of
//! whose registered units is up cannot start. Tools without registered assets are counts, as
//! declared.

use crate::design::OperationSpec;
use crate::plan::Capacity;
use crate::rejection::Rejection;
use crate::state::State;

/// The node's capacity less its down assets, and a note per tool it reduced, for the verdict.
pub fn available_capacity(state: &State) -> (Capacity, Vec<String>) {
    let mut capacity = state.capacity.clone();
    let mut notes = Vec::new();
    let declared: Vec<(String, u32)> = state.capacity.tools().map(|(tool, count)| (tool.to_string(), count)).collect();
    for (tool, count) in declared {
        let down: Vec<String> = state
            .maintenance
            .down_of(&tool)
            .filter_map(|asset| Some(format!("{} ({})", asset.id, asset.down_order()?)))
            .collect();
        if down.is_empty() {
            continue;
        }
        let left = count.saturating_sub(down.len() as u32);
        capacity.set_tool_count(&tool, left);
        notes.push(format!("`{tool}`: {} down until repaired, so planned with {left} of {count}", down.join(", ")));
    }
    (capacity, notes)
}

/// Refuses to start work needing a tool whose every registered unit is down.
pub fn require_tools_up(state: &State, operation: &OperationSpec) -> Result<(), Rejection> {
    for tool in &operation.tools {
        let mut units = state.maintenance.assets().iter().filter(|asset| asset.kind == *tool).peekable();
        if units.peek().is_none() {
            continue;
        }
        let down: Vec<_> = units.clone().filter(|asset| asset.is_down()).collect();
        if down.len() == units.count() {
            let named: Vec<String> = down
                .iter()
                .filter_map(|asset| Some(format!("{} until {} is verified", asset.id, asset.down_order()?)))
                .collect();
            return Err(Rejection::InvalidField {
                field: "task".into(),
                message: format!("`{tool}` is down: {}", named.join(", ")),
            });
        }
    }
    Ok(())
}
