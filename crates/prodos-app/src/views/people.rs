//! People views: participants with their certified skills, certifications with their status at
//! `now`, and training challenges with their attempts. Times are epoch milliseconds; shells format.

use prodos_core::Timestamp;
use prodos_core::people::{Attempt, Certification, Challenge, Participant, People};
use prodos_core::plan::Day;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificationView {
    pub handle: String,
    pub skill: String,
    pub level: u8,
    pub issued_by: String,
    pub issued_at_ms: i64,
    /// The last day on which it counts, when it expires.
    pub valid_through: Option<String>,
    pub attempt: Option<String>,
    /// `valid`, `expired` or `revoked` at the time of the view.
    pub status: &'static str,
    pub revoked_reason: Option<String>,
}

impl CertificationView {
    pub fn of(handle: &str, cert: &Certification, now: Timestamp) -> CertificationView {
        let status = match (&cert.revoked, cert.is_valid_at(now)) {
            (Some(_), _) => "revoked",
            (None, true) => "valid",
            (None, false) => "expired",
        };
        CertificationView {
            handle: handle.to_string(),
            skill: cert.skill.clone(),
            level: cert.level,
            issued_by: cert.issued_by.clone(),
            issued_at_ms: cert.issued_at.millis(),
            valid_through: cert.expires_at.map(|expires| Day::of(expires).plus(-1).to_string()),
            attempt: cert.attempt.map(|attempt| attempt.to_string()),
            status,
            revoked_reason: cert.revoked.as_ref().map(|revocation| format!("{}: {}", revocation.by, revocation.reason)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticipantView {
    pub handle: String,
    pub real_name: Option<String>,
    pub coordinator: bool,
    pub joined_at_ms: i64,
    /// Skill → highest valid level at the time of the view.
    pub skills: Vec<(String, u8)>,
    pub available_min_per_weekday: [u32; 7],
    pub available_hours_per_week: String,
    pub absences: Vec<String>,
    pub certifications: Vec<CertificationView>,
}

impl ParticipantView {
    pub fn of(participant: &Participant, now: Timestamp) -> ParticipantView {
        ParticipantView {
            handle: participant.handle.clone(),
            real_name: participant.real_name.clone(),
            coordinator: participant.coordinator,
            joined_at_ms: participant.joined_at.millis(),
            skills: participant.skills_at(now).into_iter().map(|(skill, level)| (skill.to_string(), level)).collect(),
            available_min_per_weekday: participant.availability.minutes_per_weekday,
            available_hours_per_week: prodos_core::Milli(i64::from(participant.availability.total_min()) * 1000 / 60)
                .to_string(),
            absences: participant
                .absences
                .iter()
                .map(|absence| format!("{}..{}: {}", absence.from, absence.to, absence.reason))
                .collect(),
            certifications: participant
                .certifications
                .iter()
                .map(|cert| CertificationView::of(&participant.handle, cert, now))
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptView {
    pub attempt: String,
    pub challenge: String,
    pub handle: String,
    pub answers_correct: u32,
    pub questions: u32,
    pub steps_demonstrated: u32,
    pub steps_total: u32,
    pub passed: bool,
    pub signed_off_by: Option<String>,
    pub at_ms: i64,
}

impl AttemptView {
    pub fn of(attempt: &Attempt) -> AttemptView {
        AttemptView {
            attempt: attempt.id.to_string(),
            challenge: attempt.challenge.to_string(),
            handle: attempt.handle.clone(),
            answers_correct: attempt.grade.answers_correct,
            questions: attempt.grade.questions,
            steps_demonstrated: attempt.grade.steps_demonstrated,
            steps_total: attempt.grade.steps_total,
            passed: attempt.grade.passed,
            signed_off_by: attempt.signed_off_by.clone(),
            at_ms: attempt.at.millis(),
        }
    }
}

/// A challenge as candidates see it: the answers are not part of the view.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChallengeView {
    pub challenge: String,
    pub skill: String,
    pub level: u8,
    pub title: String,
    pub steps: Vec<String>,
    pub questions: Vec<String>,
    pub pass_mark_percent: u8,
    pub valid_for_days: Option<u32>,
    pub created_by: String,
    pub attempts: Vec<AttemptView>,
}

impl ChallengeView {
    pub fn of(people: &People, challenge: &Challenge) -> ChallengeView {
        ChallengeView {
            challenge: challenge.id.to_string(),
            skill: challenge.skill.clone(),
            level: challenge.level,
            title: challenge.title.clone(),
            steps: challenge.steps.clone(),
            questions: challenge.questions.iter().map(|question| question.prompt.clone()).collect(),
            pass_mark_percent: challenge.pass_mark_percent,
            valid_for_days: challenge.valid_for_days,
            created_by: challenge.created_by.clone(),
            attempts: people
                .attempts()
                .filter(|attempt| attempt.challenge == challenge.id)
                .map(AttemptView::of)
                .collect(),
        }
    }
}

/// A participant's credits with where they came from, and their reputation in parts.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditBalanceView {
    pub handle: String,
    pub balance: String,
    pub earned: String,
    pub decayed: String,
    pub spent: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub reputation: prodos_core::state::reputation::Reputation,
}

impl CreditBalanceView {
    pub fn of(state: &prodos_core::State, handle: &str, now: Timestamp) -> CreditBalanceView {
        let account = prodos_core::credits::statement(&state.credits, handle, now);
        CreditBalanceView {
            handle: handle.to_string(),
            balance: account.balance.to_string(),
            earned: account.earned.to_string(),
            decayed: account.decayed.to_string(),
            spent: account.spent.to_string(),
            reputation: prodos_core::state::reputation::reputation(state, handle),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditRowView {
    pub at_ms: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: prodos_core::credits::account::RowKind,
    pub change: String,
    pub balance: String,
    pub what: String,
}

impl CreditRowView {
    pub fn of(row: &prodos_core::credits::StatementRow) -> CreditRowView {
        CreditRowView {
            at_ms: row.at.millis(),
            kind: row.kind,
            change: row.change.to_string(),
            balance: row.balance.to_string(),
            what: row.what.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoodView {
    pub good: String,
    pub serial: String,
    pub design: String,
    pub origin: String,
    pub produced_by: String,
    pub produced_at_ms: i64,
    pub released_to: Option<String>,
    pub released_by: Option<String>,
    pub released_at_ms: Option<i64>,
    pub cost_credits: Option<String>,
}

impl GoodView {
    pub fn of(
        distribution: &prodos_core::distribution::Distribution,
        good: &prodos_core::distribution::Good,
    ) -> GoodView {
        let release = distribution.release_of(good.id);
        GoodView {
            good: good.id.to_string(),
            serial: good.serial.clone(),
            design: good.design.to_string(),
            origin: good.origin.clone(),
            produced_by: good.produced_by.clone(),
            produced_at_ms: good.produced_at.millis(),
            released_to: release.map(|release| release.to.clone()),
            released_by: release.map(|release| release.by.clone()),
            released_at_ms: release.map(|release| release.at.millis()),
            cost_credits: release.map(|release| release.cost_credits.to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntitlementView {
    pub entitlement: String,
    pub handle: String,
    pub design: String,
    pub qty: u32,
    pub used: u32,
    pub cost_credits: String,
    /// `granted by HANDLE` or `earned`.
    pub origin: String,
}

impl EntitlementView {
    pub fn of(
        distribution: &prodos_core::distribution::Distribution,
        entitlement: &prodos_core::distribution::Entitlement,
    ) -> EntitlementView {
        EntitlementView {
            entitlement: entitlement.id.to_string(),
            handle: entitlement.handle.clone(),
            design: entitlement.design.to_string(),
            qty: entitlement.qty,
            used: distribution.used(entitlement.id),
            cost_credits: entitlement.cost_credits.to_string(),
            origin: match &entitlement.origin {
                prodos_core::distribution::EntitlementOrigin::Granted { by } => format!("granted by {by}"),
                prodos_core::distribution::EntitlementOrigin::Earned => "earned".to_string(),
            },
        }
    }
}

/// One operation instance of a committed plan, as a task.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskView {
    /// `PROD-0001/bracing#2`, what `prodos task …` takes.
    pub task: String,
    pub plan: String,
    pub operation: String,
    pub unit: u32,
    pub skill: Option<String>,
    pub min_level: i64,
    pub status: &'static str,
    pub blocked: Option<String>,
    pub worker: Option<String>,
    /// Everyone working it (the worker first; a confirmed crew's accepted members).
    pub crew: Vec<String>,
    pub verified_by: Option<String>,
    pub rejections: u32,
    /// Predecessors not yet verified: a ready task with any cannot start.
    pub waiting_on: Vec<String>,
    pub scheduled_start_ms: i64,
    pub scheduled_end_ms: i64,
}

impl TaskView {
    /// Every task of a plan, in schedule order, then its rework tasks.
    pub fn of_plan(state: &prodos_core::State, plan: &prodos_core::plan::Plan) -> Vec<TaskView> {
        use prodos_core::execution::{TaskRef, TaskStatus};
        let spec = state.designs.version(plan.proposal.design).map(|version| &version.spec);
        let scheduled = plan.proposal.operations.iter().map(|scheduled| {
            let task = TaskRef { plan: plan.id, operation: scheduled.operation.clone(), unit: scheduled.unit };
            let operation = spec.and_then(|spec| spec.operation(&scheduled.operation));
            let waiting_on = operation
                .into_iter()
                .flat_map(|operation| operation.after.iter())
                .map(|before| TaskRef { plan: plan.id, operation: before.operation.clone(), unit: scheduled.unit })
                .filter(|before| state.execution.task(before).status != TaskStatus::Verified)
                .map(|before| before.to_string())
                .collect();
            Self::of_task(state, &task, operation, waiting_on, (scheduled.start.millis(), scheduled.end.millis()))
        });
        // A rework task is due from its disposition for the rework's duration, under the
        // operation it reworks.
        let reworks = state.quality.reworks().filter(|order| order.task.plan == plan.id).map(|order| {
            let operation = spec.and_then(|spec| spec.operation(&order.of.operation));
            let disposed_at = state
                .quality
                .nonconformance(order.ncr)
                .and_then(|ncr| ncr.disposed.as_ref())
                .map_or(0, |disposed| disposed.at.millis());
            let window = (disposed_at, disposed_at + order.duration_min * 60_000);
            Self::of_task(state, &order.task, operation, Vec::new(), window)
        });
        scheduled.chain(reworks).collect()
    }

    fn of_task(
        state: &prodos_core::State,
        task: &prodos_core::execution::TaskRef,
        operation: Option<&prodos_core::design::OperationSpec>,
        waiting_on: Vec<String>,
        (scheduled_start_ms, scheduled_end_ms): (i64, i64),
    ) -> TaskView {
        let record = state.execution.task(task);
        TaskView {
            task: task.to_string(),
            plan: task.plan.to_string(),
            operation: task.operation.clone(),
            unit: task.unit,
            skill: operation.and_then(|operation| operation.skill.clone()),
            min_level: operation.map(|operation| operation.min_level).unwrap_or_default(),
            status: record.status.as_str(),
            blocked: record.blocked.clone(),
            worker: record.worker.clone(),
            crew: record.crew.clone(),
            verified_by: record.verified_by.clone(),
            rejections: record.rejections,
            waiting_on,
            scheduled_start_ms,
            scheduled_end_ms,
        }
    }
}

/// The seeds' `cos.production --active` block for one plan.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductionView {
    pub plan_id: String,
    pub design_ref: String,
    /// The governance decision behind the mandate, or the mandate itself when none was named.
    pub mandated_by: String,
    pub status: &'static str,
    pub tasks_total: usize,
    /// Verified tasks.
    pub tasks_complete: usize,
    /// Started and not yet verified (in progress, or done and awaiting verification).
    pub tasks_in_progress: usize,
    pub labor_events_emitted: usize,
    /// Materials of the plan whose required quantity its tasks have consumed in full.
    pub materials_consumed: usize,
    pub materials_total: usize,
}

impl ProductionView {
    /// Every plan's block, or only the active ones: committed and not yet fully verified (a
    /// finished batch stays committed in the ledger, but nobody is working on it any more).
    pub fn all(state: &prodos_core::State, active_only: bool) -> Vec<ProductionView> {
        state
            .plans
            .plans()
            .map(|plan| ProductionView::of(state, plan))
            .filter(|view| !active_only || view.is_active())
            .collect()
    }

    pub fn is_active(&self) -> bool {
        self.status == prodos_core::plan::PlanStatus::Committed.as_str() && self.tasks_complete < self.tasks_total
    }

    pub fn of(state: &prodos_core::State, plan: &prodos_core::plan::Plan) -> ProductionView {
        use prodos_core::execution::TaskStatus;
        let tasks = TaskView::of_plan(state, plan);
        let count = |status: TaskStatus| tasks.iter().filter(|task| task.status == status.as_str()).count();
        let prefix = format!("{}/", plan.id);
        let mut consumed: std::collections::BTreeMap<&str, prodos_core::Milli> = Default::default();
        for (_, record) in state.execution.touched_of(plan.id) {
            for consumption in &record.consumed {
                *consumed.entry(consumption.material.as_str()).or_default() += consumption.qty;
            }
        }
        let mandate = state.plans.mandate(plan.mandate);
        ProductionView {
            plan_id: plan.id.to_string(),
            design_ref: plan.proposal.design.to_string(),
            mandated_by: mandate
                .and_then(|mandate| mandate.decision.map(|decision| decision.to_string()))
                .unwrap_or_else(|| plan.mandate.to_string()),
            status: plan.status.as_str(),
            tasks_total: tasks.len(),
            tasks_complete: count(TaskStatus::Verified),
            tasks_in_progress: count(TaskStatus::InProgress) + count(TaskStatus::Done),
            labor_events_emitted: state
                .credits
                .labor()
                .iter()
                .filter(|record| record.task.as_deref().is_some_and(|task| task.starts_with(&prefix)))
                .count(),
            materials_consumed: plan
                .proposal
                .materials
                .iter()
                .filter(|need| consumed.get(need.material.as_str()).is_some_and(|qty| *qty >= need.required))
                .count(),
            materials_total: plan.proposal.materials.len(),
        }
    }
}
