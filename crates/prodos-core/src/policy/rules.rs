//! The rules themselves, one match over every command: whom a command may name, and which
//! commands only a coordinator asks for. An operator passes them all (the command's own names then
//! say who acts); a person is held to them before any area decides.

use super::actor::Acting;
use crate::access::AccessCommand;
use crate::command::Command;
use crate::credits::CreditsCommand;
use crate::distribution::DistributionCommand;
use crate::execution::{ExecutionCommand, TaskRef};
use crate::improvement::ImprovementCommand;
use crate::maintenance::MaintenanceCommand;
use crate::matching::MatchingCommand;
use crate::people::{Participant, PeopleCommand};
use crate::quality::QualityCommand;
use crate::rejection::Rejection;
use crate::safety::SafetyCommand;
use crate::state::State;
use crate::{DesignCommand, PlanCommand, StockCommand, SupplierCommand};

/// The person asking, once known to be a participant.
struct Person<'a> {
    handle: &'a str,
    participant: &'a Participant,
}

impl Person<'_> {
    fn coordinates(&self) -> bool {
        self.participant.coordinator
    }

    /// Only a coordinator asks for this.
    fn coordinator(&self, action: &str) -> Result<(), Rejection> {
        if self.coordinates() {
            Ok(())
        } else {
            Err(Rejection::CoordinatorRequired { handle: self.handle.into(), action: action.into() })
        }
    }

    /// `named` (who the command says acts) must be the person asking.
    fn is(&self, named: &str) -> Result<(), Rejection> {
        if named == self.handle {
            Ok(())
        } else {
            Err(Rejection::NotYours { message: format!("{} may not act as {named}", self.handle) })
        }
    }

    /// Nobody vouches for their own work: `worker` did `what`, and the person asking may not be them.
    fn not_own(&self, worker: &str, action: &str, what: &str) -> Result<(), Rejection> {
        if worker == self.handle {
            Err(Rejection::OwnWork { handle: self.handle.into(), action: action.into(), what: what.into() })
        } else {
            Ok(())
        }
    }

    /// `subject`'s record (availability, attempts, a start as worker) is theirs or, for a
    /// coordinator, anyone's.
    fn owns(&self, subject: &str, what: &str) -> Result<(), Rejection> {
        if self.coordinates() || subject == self.handle {
            Ok(())
        } else {
            Err(Rejection::NotYours {
                message: format!("{} may change only their own {what}, not {subject}'s", self.handle),
            })
        }
    }
}

/// Whether `acting` may ask for `command` in `state`. Refusals name the rule.
pub(crate) fn authorize(state: &State, acting: &Acting, command: &Command) -> Result<(), Rejection> {
    let Acting::Person { handle, participant } = *acting else { return Ok(()) };
    if let Command::Access(AccessCommand::Record { by, .. }) = command {
        // Accounts change access as themselves; the server decides which roles may.
        return if by == handle {
            Ok(())
        } else {
            Err(Rejection::NotYours { message: format!("{handle} may not act as {by}") })
        };
    }
    let Some(participant) = participant else {
        return Err(Rejection::NotAParticipant { handle: handle.into(), action: action_of(command).into() });
    };
    let me = Person { handle, participant };
    match command {
        Command::People(command) => people(&me, state, command),
        Command::Credits(command) => credits(&me, command),
        Command::Distribution(command) => distribution(&me, command),
        Command::Execution(command) => execution(&me, state, command),
        Command::Matching(command) => matching(&me, command),
        Command::Quality(command) => quality(&me, command),
        Command::Maintenance(command) => maintenance(&me, command),
        Command::Safety(command) => safety(&me, command),
        Command::Improvement(command) => improvement(&me, command),
        Command::Access(_) => Ok(()),
        // Everything else coordinates production: designs, stock, suppliers, mandates, capacity,
        // rates and plans.
        _ => me.coordinator(action_of(command)),
    }
}

fn people(me: &Person, state: &State, command: &PeopleCommand) -> Result<(), Rejection> {
    match command {
        PeopleCommand::AddParticipants { by, .. } => {
            me.is(by.as_deref().unwrap_or_default())?;
            // The first coordinator is appointed at the console; a person adds people only once
            // the node has coordinators, and only as one.
            if state.people.has_coordinator() { me.coordinator("add participants") } else { Ok(()) }
        }
        PeopleCommand::SetAvailability { handle, .. } => me.owns(handle, "availability"),
        PeopleCommand::RecordAbsence { handle, .. } => me.owns(handle, "absences"),
        PeopleCommand::AttemptChallenge { handle, .. } => me.owns(handle, "attempts"),
        PeopleCommand::GrantCertification { by, handle, skill, .. } => {
            me.is(by)?;
            me.not_own(handle, "certify", skill)
        }
        PeopleCommand::SignOffAttempt { by, attempt } => {
            me.is(by)?;
            let candidate = state.people.attempt(*attempt).ok_or(Rejection::UnknownAttempt { attempt: *attempt })?;
            me.not_own(&candidate.handle, "sign off", &attempt.to_string())
        }
        PeopleCommand::RevokeCertification { by, .. } | PeopleCommand::AddChallenge { by, .. } => me.is(by),
    }
}

fn credits(me: &Person, command: &CreditsCommand) -> Result<(), Rejection> {
    match command {
        CreditsCommand::RecordLabor { handle, verified_by, hours, skill, .. } => {
            me.is(verified_by)?;
            me.not_own(handle, "verify", &format!("{hours} h of {skill}"))
        }
        CreditsCommand::SetCreditPolicy { by, .. }
        | CreditsCommand::SetCreditWeight { by, .. }
        | CreditsCommand::SetGateRule { by, .. } => me.is(by),
    }
}

fn distribution(me: &Person, command: &DistributionCommand) -> Result<(), Rejection> {
    match command {
        DistributionCommand::ProduceGood { by, .. }
        | DistributionCommand::ProduceUnit { by, .. }
        | DistributionCommand::GrantEntitlement { by, .. }
        | DistributionCommand::Distribute { by, .. } => me.is(by),
        DistributionCommand::EarnEntitlement { handle, .. } => me.owns(handle, "entitlements"),
    }
}

fn matching(me: &Person, command: &MatchingCommand) -> Result<(), Rejection> {
    match command {
        MatchingCommand::ProposeMatch { by, .. } | MatchingCommand::ConfirmMatch { by, .. } => me.is(by),
        // Taking on work is one's own word: nobody accepts, declines or swaps a place for another.
        MatchingCommand::Accept { handle, .. } | MatchingCommand::Decline { handle, .. } => me.is(handle),
        MatchingCommand::Swap { from, .. } => me.is(from),
    }
}

/// Anyone measures or disposes as themselves (the quality decision checks independence and
/// qualification); limits and stages of a control chart are a coordinator's call.
fn quality(me: &Person, command: &QualityCommand) -> Result<(), Rejection> {
    match command {
        QualityCommand::RecordInspection { by, .. }
        | QualityCommand::Dispose { by, .. }
        | QualityCommand::FileFieldReport { by, .. }
        | QualityCommand::InspectLot { by, .. } => me.is(by),
        QualityCommand::FreezeLimits { by, .. }
        | QualityCommand::StartStage { by, .. }
        | QualityCommand::ResolveReview { by, .. }
        | QualityCommand::CloseCapa { by, .. }
        | QualityCommand::SetIncomingInspection { by, .. } => {
            me.is(by)?;
            me.coordinator(action_of(&Command::Quality(command.clone())))
        }
    }
}

/// Anyone reports a breakdown, reads a meter, locks out an unsafe asset or works an order as
/// themselves; registering assets, setting preventive plans and clearing a lockout is a
/// coordinator's.
fn maintenance(me: &Person, command: &MaintenanceCommand) -> Result<(), Rejection> {
    match command {
        MaintenanceCommand::RecordMeter { by, .. }
        | MaintenanceCommand::ReportBreakdown { by, .. }
        | MaintenanceCommand::IssueDueOrders { by }
        | MaintenanceCommand::CompleteWorkOrder { by, .. }
        | MaintenanceCommand::VerifyWorkOrder { by, .. }
        | MaintenanceCommand::LockOut { by, .. } => me.is(by),
        MaintenanceCommand::StartWorkOrder { worker, .. } => me.is(worker),
        MaintenanceCommand::RegisterAsset { by, .. }
        | MaintenanceCommand::SetPmPlan { by, .. }
        | MaintenanceCommand::ClearLockout { by, .. } => {
            me.is(by)?;
            me.coordinator(action_of(&Command::Maintenance(command.clone())))
        }
    }
}

/// Anyone proposes an improvement or says it is done; deciding on one is a coordinator's.
fn improvement(me: &Person, command: &ImprovementCommand) -> Result<(), Rejection> {
    match command {
        ImprovementCommand::Propose { by, .. } | ImprovementCommand::Close { by, .. } => me.is(by),
        ImprovementCommand::Decide { by, .. } => {
            me.is(by)?;
            me.coordinator(action_of(&Command::Improvement(command.clone())))
        }
    }
}

/// Anyone reports what they saw; suspending a certification is a coordinator's.
fn safety(me: &Person, command: &SafetyCommand) -> Result<(), Rejection> {
    match command {
        SafetyCommand::ReportIncident { by, .. } => me.is(by),
        SafetyCommand::Suspend { by, .. } => {
            me.is(by)?;
            me.coordinator(action_of(&Command::Safety(command.clone())))
        }
    }
}

/// Participants act on the tasks they work on; coordinators on every task (and start one for
/// someone else); nobody verifies or rejects work they were part of.
fn execution(me: &Person, state: &State, command: &ExecutionCommand) -> Result<(), Rejection> {
    let (task, named, action) = match command {
        ExecutionCommand::Start { task, worker, .. } => (task, worker, "start"),
        ExecutionCommand::Complete { task, by, .. } => (task, by, "complete"),
        ExecutionCommand::Verify { task, by } => (task, by, "verify"),
        ExecutionCommand::Reject { task, by, .. } => (task, by, "reject"),
        ExecutionCommand::Block { task, by, .. } => (task, by, "block"),
        ExecutionCommand::Unblock { task, by } => (task, by, "unblock"),
    };
    require_task(state, task)?;
    let record = state.execution.task(task);
    let works_on_it =
        record.worker.as_deref() == Some(me.handle) || record.crew.iter().any(|member| member == me.handle);
    match command {
        ExecutionCommand::Start { .. } => {
            if !me.coordinates() && named != me.handle {
                return Err(Rejection::NotYours {
                    message: format!("{} may start {task} only as its own worker, not for {named}", me.handle),
                });
            }
            Ok(())
        }
        ExecutionCommand::Verify { .. } | ExecutionCommand::Reject { .. } => {
            me.is(named)?;
            if works_on_it { me.not_own(me.handle, action, &task.to_string()) } else { Ok(()) }
        }
        ExecutionCommand::Complete { .. } | ExecutionCommand::Block { .. } | ExecutionCommand::Unblock { .. } => {
            me.is(named)?;
            if works_on_it || me.coordinates() {
                return Ok(());
            }
            Err(Rejection::NotYours {
                message: match record.worker.as_deref() {
                    Some(worker) => format!("{task} is {worker}'s task; {} cannot {action} it", me.handle),
                    None => format!("{task} has no worker yet; only a coordinator can {action} it"),
                },
            })
        }
    }
}

fn require_task(state: &State, task: &TaskRef) -> Result<(), Rejection> {
    let exists = state.quality.rework(task).is_some()
        || state.plans.plan(task.plan).is_some_and(|plan| {
            plan.proposal.operations.iter().any(|op| op.operation == task.operation && op.unit == task.unit)
        });
    if exists { Ok(()) } else { Err(Rejection::UnknownTask { task: task.to_string() }) }
}

/// What a command does, in the words of a refusal ("… must be a coordinator to certify designs").
fn action_of(command: &Command) -> &'static str {
    match command {
        Command::Design(DesignCommand::ImportDesign { .. }) => "import designs",
        Command::Design(DesignCommand::CertifyDesign { .. }) => "certify designs",
        Command::Design(DesignCommand::RetireDesign { .. }) => "retire designs",
        Command::Stock(StockCommand::ReceiveLots { .. }) => "receive stock",
        Command::Stock(StockCommand::ReserveStock { .. }) => "reserve stock",
        Command::Stock(StockCommand::ReleaseStock { .. }) => "release stock",
        Command::Stock(StockCommand::ConsumeStock { .. }) => "consume stock",
        Command::Stock(StockCommand::AdjustLot { .. }) => "adjust lots",
        Command::Supplier(SupplierCommand::ImportSuppliers { .. }) => "import suppliers",
        Command::Plan(PlanCommand::CreateMandate { .. }) => "create mandates",
        Command::Plan(PlanCommand::DeclareToolCount { .. })
        | Command::Plan(PlanCommand::DeclareSkillHeadcount { .. })
        | Command::Plan(PlanCommand::SetWorkWeek { .. })
        | Command::Plan(PlanCommand::CloseDay { .. }) => "declare capacity",
        Command::Plan(PlanCommand::SetLaborRate { .. }) | Command::Plan(PlanCommand::SetToolRate { .. }) => "set rates",
        Command::Plan(PlanCommand::RecordPlanProposal { .. }) => "propose plans",
        Command::Plan(PlanCommand::CommitPlan { .. }) => "commit plans",
        Command::Plan(PlanCommand::CancelPlan { .. }) => "cancel plans",
        Command::People(PeopleCommand::AddParticipants { .. }) => "add participants",
        Command::People(PeopleCommand::SetAvailability { .. }) => "set availability",
        Command::People(PeopleCommand::RecordAbsence { .. }) => "record absences",
        Command::People(PeopleCommand::GrantCertification { .. }) => "certify",
        Command::People(PeopleCommand::RevokeCertification { .. }) => "revoke certifications",
        Command::People(PeopleCommand::AddChallenge { .. }) => "add challenges",
        Command::People(PeopleCommand::AttemptChallenge { .. }) => "attempt challenges",
        Command::People(PeopleCommand::SignOffAttempt { .. }) => "sign off attempts",
        Command::Credits(CreditsCommand::RecordLabor { .. }) => "verify labor",
        Command::Credits(_) => "set the credit policy",
        Command::Distribution(DistributionCommand::ProduceGood { .. } | DistributionCommand::ProduceUnit { .. }) => {
            "register goods"
        }
        Command::Distribution(DistributionCommand::GrantEntitlement { .. }) => "grant entitlements",
        Command::Distribution(DistributionCommand::EarnEntitlement { .. }) => "earn entitlements",
        Command::Distribution(DistributionCommand::Distribute { .. }) => "hand out goods",
        Command::Execution(_) => "take, do or verify work",
        Command::Matching(MatchingCommand::ProposeMatch { .. }) => "propose crews",
        Command::Matching(MatchingCommand::ConfirmMatch { .. }) => "confirm crews",
        Command::Matching(_) => "answer for work",
        Command::Access(_) => "change access",
        Command::Quality(QualityCommand::RecordInspection { .. }) => "record inspections",
        Command::Quality(QualityCommand::Dispose { .. }) => "dispose of nonconformances",
        Command::Quality(QualityCommand::FreezeLimits { .. }) => "freeze control limits",
        Command::Quality(QualityCommand::StartStage { .. }) => "start chart stages",
        Command::Quality(QualityCommand::ResolveReview { .. }) => "resolve design reviews",
        Command::Quality(QualityCommand::CloseCapa { .. }) => "close corrective actions",
        Command::Quality(QualityCommand::FileFieldReport { .. }) => "report from the field",
        Command::Quality(QualityCommand::SetIncomingInspection { .. }) => "set incoming inspection plans",
        Command::Quality(QualityCommand::InspectLot { .. }) => "inspect received lots",
        Command::Maintenance(MaintenanceCommand::RegisterAsset { .. }) => "register assets",
        Command::Maintenance(MaintenanceCommand::RecordMeter { .. }) => "read meters",
        Command::Maintenance(MaintenanceCommand::SetPmPlan { .. }) => "set preventive maintenance plans",
        Command::Maintenance(MaintenanceCommand::ReportBreakdown { .. }) => "report breakdowns",
        Command::Maintenance(MaintenanceCommand::IssueDueOrders { .. }) => "issue due work orders",
        Command::Maintenance(MaintenanceCommand::StartWorkOrder { .. }) => "start work orders",
        Command::Maintenance(MaintenanceCommand::CompleteWorkOrder { .. }) => "complete work orders",
        Command::Maintenance(MaintenanceCommand::VerifyWorkOrder { .. }) => "verify work orders",
        Command::Maintenance(MaintenanceCommand::LockOut { .. }) => "lock out assets",
        Command::Maintenance(MaintenanceCommand::ClearLockout { .. }) => "clear lockouts",
        Command::Safety(SafetyCommand::ReportIncident { .. }) => "report incidents",
        Command::Safety(SafetyCommand::Suspend { .. }) => "suspend certifications",
        Command::Improvement(ImprovementCommand::Propose { .. }) => "propose improvements",
        Command::Improvement(ImprovementCommand::Decide { .. }) => "decide on improvements",
        Command::Improvement(ImprovementCommand::Close { .. }) => "close improvements",
    }
}
