//! Participants as the ledger knows them: handle, optional real name, coordinator role, weekly
//! availability, absences and every certification ever issued (revoked ones stay, marked).

use crate::calendar::Day;
use crate::ids::{AttemptId, ChallengeId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::challenge::{Attempt, Challenge};

/// Working minutes a participant offers per weekday (Monday = index 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WeeklyAvailability {
    pub minutes_per_weekday: [u32; 7],
}

impl WeeklyAvailability {
    pub fn total_min(&self) -> u32 {
        self.minutes_per_weekday.iter().sum()
    }
}

/// A stretch of days (both ends included) on which a participant is away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub from: Day,
    pub to: Day,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub by: String,
    pub reason: String,
    pub at: Timestamp,
    /// A suspension (after a safety incident): only passing a training challenge in the skill
    /// restores it, not a certifier's word.
    #[serde(default)]
    pub retrain: bool,
}

/// A certified skill level, issued by someone at some time, possibly expiring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certification {
    pub skill: String,
    pub level: u8,
    pub issued_by: String,
    pub issued_at: Timestamp,
    /// The first instant at which it no longer counts; `None` never expires.
    pub expires_at: Option<Timestamp>,
    /// The signed-off training attempt that earned it, when it came from the training game.
    pub attempt: Option<AttemptId>,
    pub revoked: Option<Revocation>,
}

impl Certification {
    pub fn is_valid_at(&self, now: Timestamp) -> bool {
        self.revoked.is_none() && self.issued_at <= now && self.expires_at.is_none_or(|expires| now < expires)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub handle: String,
    pub real_name: Option<String>,
    pub coordinator: bool,
    pub joined_at: Timestamp,
    pub availability: WeeklyAvailability,
    pub absences: Vec<Absence>,
    /// Every certification issued, oldest first, including expired and revoked ones.
    pub certifications: Vec<Certification>,
}

impl Participant {
    /// The highest level at which `skill` is validly certified at `now`.
    pub fn level_at(&self, skill: &str, now: Timestamp) -> Option<u8> {
        self.valid_certifications(now).filter(|cert| cert.skill == skill).map(|cert| cert.level).max()
    }
    pub fn valid_certifications(&self, now: Timestamp) -> impl Iterator<Item = &Certification> {
        self.certifications.iter().filter(move |cert| cert.is_valid_at(now))
    }
    /// Each skill with its highest valid level at `now`: the participant's skill profile.
    pub fn skills_at(&self, now: Timestamp) -> BTreeMap<&str, u8> {
        let mut skills = BTreeMap::new();
        for cert in self.valid_certifications(now) {
            let level = skills.entry(cert.skill.as_str()).or_insert(cert.level);
            *level = (*level).max(cert.level);
        }
        skills
    }
    /// The suspension standing between `handle` and `skill`: the latest revocation in it was
    /// one, and no certification in it was issued since (a passed challenge grants one).
    pub fn suspension(&self, skill: &str, now: Timestamp) -> Option<&Revocation> {
        if self.level_at(skill, now).is_some() {
            return None;
        }
        let latest = self
            .certifications
            .iter()
            .filter(|cert| cert.skill == skill)
            .filter_map(|cert| cert.revoked.as_ref())
            .max_by_key(|revocation| revocation.at)?;
        let restored = self.certifications.iter().any(|cert| cert.skill == skill && cert.issued_at > latest.at);
        (latest.retrain && !restored).then_some(latest)
    }
    pub fn is_absent_on(&self, day: Day) -> bool {
        self.absences.iter().any(|absence| absence.from <= day && day <= absence.to)
    }
    /// Minutes offered on `day`: the weekly pattern, or none while absent.
    pub fn available_min_on(&self, day: Day) -> u32 {
        if self.is_absent_on(day) { 0 } else { self.availability.minutes_per_weekday[usize::from(day.weekday())] }
    }
}

/// Every participant (keyed by handle, which users type), challenge and attempt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct People {
    participants: BTreeMap<String, Participant>,
    challenges: BTreeMap<ChallengeId, Challenge>,
    attempts: BTreeMap<AttemptId, Attempt>,
}

impl People {
    pub fn get(&self, handle: &str) -> Option<&Participant> {
        self.participants.get(handle)
    }
    pub fn iter(&self) -> impl Iterator<Item = &Participant> {
        self.participants.values()
    }
    pub fn has_coordinator(&self) -> bool {
        self.participants.values().any(|participant| participant.coordinator)
    }
    pub fn challenge(&self, id: ChallengeId) -> Option<&Challenge> {
        self.challenges.get(&id)
    }
    pub fn challenges(&self) -> impl Iterator<Item = &Challenge> {
        self.challenges.values()
    }
    pub fn attempt(&self, id: AttemptId) -> Option<&Attempt> {
        self.attempts.get(&id)
    }
    pub fn attempts(&self) -> impl Iterator<Item = &Attempt> {
        self.attempts.values()
    }
    pub fn next_challenge_id(&self) -> ChallengeId {
        ChallengeId(self.challenges.len() as u32 + 1)
    }
    pub fn next_attempt_id(&self) -> AttemptId {
        AttemptId(self.attempts.len() as u32 + 1)
    }

    pub(crate) fn insert(&mut self, participant: Participant) {
        self.participants.insert(participant.handle.clone(), participant);
    }
    pub(crate) fn get_mut(&mut self, handle: &str) -> Option<&mut Participant> {
        self.participants.get_mut(handle)
    }
    pub(crate) fn insert_challenge(&mut self, challenge: Challenge) {
        self.challenges.insert(challenge.id, challenge);
    }
    pub(crate) fn insert_attempt(&mut self, attempt: Attempt) {
        self.attempts.insert(attempt.id, attempt);
    }
    pub(crate) fn attempt_mut(&mut self, id: AttemptId) -> Option<&mut Attempt> {
        self.attempts.get_mut(&id)
    }
}
