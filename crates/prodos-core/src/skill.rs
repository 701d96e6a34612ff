//! Skills and their levels, the vocabulary that designs, people, capacity and credits share: an
//! operation asks for a skill at a level, a certificate grants one, capacity counts heads per level.

use crate::rejection::Rejection;

/// Lowest and highest certified skill level an operation may ask for.
pub const SKILL_LEVELS: std::ops::RangeInclusive<i64> = 1..=5;

/// Highest skill level; levels run 1..=MAX_SKILL_LEVEL.
pub const MAX_SKILL_LEVEL: u8 = *SKILL_LEVELS.end() as u8;

/// A level given in a command, checked against the scale; `field` names it in the refusal.
pub fn check_level(field: &str, level: i64) -> Result<u8, Rejection> {
    if SKILL_LEVELS.contains(&level) {
        Ok(level as u8)
    } else {
        Err(Rejection::SkillLevelOutOfRange { field: field.to_string(), level })
    }
}

/// A skill id: non-empty, no whitespace (it is a word in files, URLs and CLI arguments).
pub fn check_skill(field: &str, skill: &str) -> Result<(), Rejection> {
    if skill.trim().is_empty() || skill.chars().any(char::is_whitespace) {
        return Err(Rejection::InvalidField {
            field: field.to_string(),
            message: format!("`{skill}` is not a skill id (non-empty, no spaces)"),
        });
    }
    Ok(())
}
