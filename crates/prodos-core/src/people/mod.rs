//! People: participants, their certified skills, availability and absences, and the training
//! game (challenges, graded attempts, sign-offs) that issues certifications. `qualification` is
//! the one question every assignment, start and verification asks.

pub mod challenge;
pub mod command;
pub mod decide;
pub mod event;
pub mod model;
pub mod qualification;

pub use challenge::{Attempt, Challenge, Grade, Question};
pub use command::{NewParticipant, PeopleCommand};
pub use event::PeopleEvent;
pub use model::{Absence, Certification, Participant, People, Revocation, WeeklyAvailability};
pub use qualification::{require_participant, require_qualified};
