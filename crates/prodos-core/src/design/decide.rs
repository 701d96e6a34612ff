//! Decisions about designs: import (new design, revised draft or new version), certify, retire.

use super::registry::{DesignStatus, Designs};
use super::spec::DesignSpec;
use super::validate::{certification_gaps, validate};
use super::{DesignCommand, DesignEvent};
use crate::ids::{DesignRef, DesignSelector};
use crate::rejection::Rejection;
use crate::time::Timestamp;

/// Imports a design text. Finds the design by the declared id or by key; an unchanged spec
/// decides nothing (an idempotent re-import), a draft is revised, a certified latest version gets
/// a new draft version after it. Naming a certified version explicitly and changing it is refused.
/// What a design command records, decided against the designs alone.
pub fn decide(designs: &Designs, command: &DesignCommand, now: Timestamp) -> Result<Vec<DesignEvent>, Rejection> {
    match command {
        DesignCommand::ImportDesign { spec, declared } => import(designs, spec, *declared, now),
        DesignCommand::CertifyDesign { design } => certify(designs, *design, now),
        DesignCommand::RetireDesign { design } => retire(designs, *design, now),
    }
}

pub fn import(
    designs: &Designs,
    spec: &DesignSpec,
    declared: Option<DesignSelector>,
    now: Timestamp,
) -> Result<Vec<DesignEvent>, Rejection> {
    let problems = validate(spec);
    if !problems.is_empty() {
        return Err(Rejection::DesignInvalid { key: spec.key.clone(), problems });
    }
    let record = match declared {
        Some(selector) => {
            let record = designs.get(selector.design).ok_or(Rejection::UnknownDesign { design: selector })?;
            if record.key != spec.key {
                return Err(Rejection::DesignKeyMismatch {
                    design: record.id,
                    stored_key: record.key.clone(),
                    given_key: spec.key.clone(),
                });
            }
            if let Some(version_number) = selector.version {
                let version = record.version(version_number).ok_or(Rejection::UnknownDesign { design: selector })?;
                let design = DesignRef { design: record.id, version: version_number };
                if version.spec == *spec {
                    return Ok(Vec::new());
                }
                if version.status != DesignStatus::Draft {
                    return Err(Rejection::DesignVersionImmutable { design, status: version.status.as_str() });
                }
                return Ok(vec![DesignEvent::DesignDraftRevised { design, spec: spec.clone(), at: now }]);
            }
            Some(record)
        }
        None => designs.by_key(&spec.key),
    };
    let Some(record) = record else {
        let design = DesignRef { design: designs.next_id(), version: 1 };
        return Ok(vec![DesignEvent::DesignDrafted { design, spec: spec.clone(), at: now }]);
    };
    let latest = record.latest();
    let latest_ref = DesignRef { design: record.id, version: latest.version };
    if latest.spec == *spec {
        return Ok(Vec::new());
    }
    if latest.status == DesignStatus::Draft {
        return Ok(vec![DesignEvent::DesignDraftRevised { design: latest_ref, spec: spec.clone(), at: now }]);
    }
    let design = DesignRef { design: record.id, version: latest.version + 1 };
    Ok(vec![DesignEvent::DesignDrafted { design, spec: spec.clone(), at: now }])
}

/// Certifies a draft (the latest version when none is named) after a full check.
pub fn certify(designs: &Designs, selector: DesignSelector, now: Timestamp) -> Result<Vec<DesignEvent>, Rejection> {
    let design = resolve(designs, selector)?;
    let version = designs.version(design).expect("resolve returns existing versions");
    match version.status {
        DesignStatus::Draft => {}
        DesignStatus::Certified => return Err(Rejection::DesignAlreadyCertified { design }),
        DesignStatus::Retired => return Err(Rejection::DesignVersionImmutable { design, status: "retired" }),
    }
    let mut problems = validate(&version.spec);
    problems.extend(certification_gaps(&version.spec));
    if !problems.is_empty() {
        return Err(Rejection::DesignNotCertifiable { design, problems });
    }
    Ok(vec![DesignEvent::DesignCertified { design, at: now }])
}

/// Retires a certified version: no new mandates may use it; history keeps it.
pub fn retire(designs: &Designs, selector: DesignSelector, now: Timestamp) -> Result<Vec<DesignEvent>, Rejection> {
    let design = resolve(designs, selector)?;
    let version = designs.version(design).expect("resolve returns existing versions");
    if version.status != DesignStatus::Certified {
        return Err(Rejection::DesignNotCertified { design, status: version.status.as_str() });
    }
    Ok(vec![DesignEvent::DesignRetired { design, at: now }])
}

/// Turns `DES-0001` or `DES-0001@v2` into an existing version (latest when unnamed).
pub fn resolve(designs: &Designs, selector: DesignSelector) -> Result<DesignRef, Rejection> {
    let record = designs.get(selector.design).ok_or(Rejection::UnknownDesign { design: selector })?;
    let version = selector.version.unwrap_or(record.latest().version);
    record.version(version).ok_or(Rejection::UnknownDesign { design: selector })?;
    Ok(DesignRef { design: record.id, version })
}
