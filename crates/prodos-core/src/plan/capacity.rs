//! The node's production capacity as the planner sees it: how many of each tool and workstation,
//! how many people hold each skill at each level, the working calendar, and the rates that turn
//! hours into cost.
//!
//! Declared headcounts are for people outside the participant registry or a deliberate
//! override: the planner (prodos-planning `staffing`) uses them for a skill that has any, and
//! otherwise counts certified, available participants over time.

use crate::calendar::WorkCalendar;
use crate::skill::MAX_SKILL_LEVEL;
use crate::units::Millicents;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Capacity {
    /// Units of each tool or workstation the node owns.
    tools: BTreeMap<String, u32>,
    // Invariant: index `level - 1` holds the number of people whose highest level is `level`.
    skills: BTreeMap<String, [u32; MAX_SKILL_LEVEL as usize]>,
    pub calendar: WorkCalendar,
    /// Cost of one hour of work per (skill, level).
    labor_rates_per_hour: BTreeMap<(String, u8), Millicents>,
    /// Cost of one hour of use per tool or workstation (wear, energy, depreciation).
    tool_rates_per_hour: BTreeMap<String, Millicents>,
}

impl Capacity {
    pub fn tool_count(&self, tool: &str) -> u32 {
        self.tools.get(tool).copied().unwrap_or(0)
    }
    pub fn tools(&self) -> impl Iterator<Item = (&str, u32)> {
        self.tools.iter().map(|(tool, count)| (tool.as_str(), *count))
    }
    /// People holding `skill` at exactly `level`.
    pub fn headcount(&self, skill: &str, level: u8) -> u32 {
        match (self.skills.get(skill), level) {
            (Some(counts), 1..=MAX_SKILL_LEVEL) => counts[usize::from(level) - 1],
            _ => 0,
        }
    }
    /// People who may do work asking for `skill` at `min_level` or above.
    pub fn qualified(&self, skill: &str, min_level: u8) -> u32 {
        (min_level.max(1)..=MAX_SKILL_LEVEL).map(|level| self.headcount(skill, level)).sum()
    }
    /// Every skill with its headcount per level (index 0 is level 1).
    pub fn skills(&self) -> impl Iterator<Item = (&str, &[u32; MAX_SKILL_LEVEL as usize])> {
        self.skills.iter().map(|(skill, counts)| (skill.as_str(), counts))
    }
    /// The hourly rate for work at `level` in `skill`: the exact level if set, else the nearest
    /// lower level that has a rate (a level-4 task paid like level 3 rather than not at all).
    pub fn labor_rate_per_hour(&self, skill: &str, level: u8) -> Option<Millicents> {
        (1..=level.min(MAX_SKILL_LEVEL))
            .rev()
            .find_map(|l| self.labor_rates_per_hour.get(&(skill.to_string(), l)).copied())
    }
    pub fn labor_rates(&self) -> impl Iterator<Item = (&str, u8, Millicents)> {
        self.labor_rates_per_hour.iter().map(|((skill, level), rate)| (skill.as_str(), *level, *rate))
    }
    pub fn tool_rate_per_hour(&self, tool: &str) -> Option<Millicents> {
        self.tool_rates_per_hour.get(tool).copied()
    }
    pub fn tool_rates(&self) -> impl Iterator<Item = (&str, Millicents)> {
        self.tool_rates_per_hour.iter().map(|(tool, rate)| (tool.as_str(), *rate))
    }

    pub(crate) fn set_tool_count(&mut self, tool: &str, count: u32) {
        self.tools.insert(tool.to_string(), count);
    }
    pub(crate) fn set_headcount(&mut self, skill: &str, level: u8, headcount: u32) {
        if (1..=MAX_SKILL_LEVEL).contains(&level) {
            self.skills.entry(skill.to_string()).or_default()[usize::from(level) - 1] = headcount;
        }
    }
    pub(crate) fn set_labor_rate(&mut self, skill: &str, level: u8, rate: Millicents) {
        self.labor_rates_per_hour.insert((skill.to_string(), level), rate);
    }
    pub(crate) fn set_tool_rate(&mut self, tool: &str, rate: Millicents) {
        self.tool_rates_per_hour.insert(tool.to_string(), rate);
    }
}
