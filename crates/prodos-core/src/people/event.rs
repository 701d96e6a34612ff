//! Facts about people: who joined, what they offer, which certifications were issued or revoked,
//! and the training game's challenges, graded attempts and sign-offs.

use super::challenge::{Attempt, Challenge};
use super::model::{Absence, Certification, Revocation, WeeklyAvailability};
use crate::ids::AttemptId;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PeopleEvent {
    ParticipantAdded {
        handle: String,
        real_name: Option<String>,
        coordinator: bool,
        at: Timestamp,
    },
    AvailabilitySet {
        handle: String,
        availability: WeeklyAvailability,
    },
    AbsenceRecorded {
        handle: String,
        absence: Absence,
    },
    CertificationGranted {
        handle: String,
        certification: Certification,
    },
    /// Revokes every certification of `handle` in `skill` that was valid at the time.
    CertificationRevoked {
        handle: String,
        skill: String,
        revocation: Revocation,
    },
    ChallengeAdded {
        challenge: Challenge,
    },
    AttemptGraded {
        attempt: Attempt,
    },
    /// Follows nothing and is followed by the `CertificationGranted` it causes.
    AttemptSignedOff {
        attempt: AttemptId,
        by: String,
        at: Timestamp,
    },
}

impl PeopleEvent {
    /// The stable name stored in the ledger's kind column.
    pub fn kind(&self) -> &'static str {
        match self {
            PeopleEvent::ParticipantAdded { .. } => "ParticipantAdded",
            PeopleEvent::AvailabilitySet { .. } => "AvailabilitySet",
            PeopleEvent::AbsenceRecorded { .. } => "AbsenceRecorded",
            PeopleEvent::CertificationGranted { .. } => "CertificationGranted",
            PeopleEvent::CertificationRevoked { .. } => "CertificationRevoked",
            PeopleEvent::ChallengeAdded { .. } => "ChallengeAdded",
            PeopleEvent::AttemptGraded { .. } => "AttemptGraded",
            PeopleEvent::AttemptSignedOff { .. } => "AttemptSignedOff",
        }
    }
}

impl super::model::People {
    pub(crate) fn apply(&mut self, event: &PeopleEvent) {
        match event {
            PeopleEvent::ParticipantAdded { handle, real_name, coordinator, at } => {
                self.insert(super::model::Participant {
                    handle: handle.clone(),
                    real_name: real_name.clone(),
                    coordinator: *coordinator,
                    joined_at: *at,
                    availability: WeeklyAvailability::default(),
                    absences: Vec::new(),
                    certifications: Vec::new(),
                });
            }
            PeopleEvent::AvailabilitySet { handle, availability } => {
                if let Some(participant) = self.get_mut(handle) {
                    participant.availability = *availability;
                }
            }
            PeopleEvent::AbsenceRecorded { handle, absence } => {
                if let Some(participant) = self.get_mut(handle) {
                    participant.absences.push(absence.clone());
                }
            }
            PeopleEvent::CertificationGranted { handle, certification } => {
                if let Some(participant) = self.get_mut(handle) {
                    participant.certifications.push(certification.clone());
                }
            }
            PeopleEvent::CertificationRevoked { handle, skill, revocation } => {
                if let Some(participant) = self.get_mut(handle) {
                    for cert in participant.certifications.iter_mut() {
                        if cert.skill == *skill && cert.is_valid_at(revocation.at) {
                            cert.revoked = Some(revocation.clone());
                        }
                    }
                }
            }
            PeopleEvent::ChallengeAdded { challenge } => self.insert_challenge(challenge.clone()),
            PeopleEvent::AttemptGraded { attempt } => self.insert_attempt(attempt.clone()),
            PeopleEvent::AttemptSignedOff { attempt, by, .. } => {
                if let Some(attempt) = self.attempt_mut(*attempt) {
                    attempt.signed_off_by = Some(by.clone());
                }
            }
        }
    }
}
