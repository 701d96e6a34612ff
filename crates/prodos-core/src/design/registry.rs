//! Design versions as the ledger knows them: who exists, which version is draft, certified or
//! retired. Certified versions are immutable; changing one makes a new version.

use super::DesignEvent;
use super::spec::DesignSpec;
use crate::ids::{DesignId, DesignRef};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesignStatus {
    Draft,
    Certified,
    Retired,
}

impl DesignStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DesignStatus::Draft => "draft",
            DesignStatus::Certified => "certified",
            DesignStatus::Retired => "retired",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignVersion {
    pub version: u32,
    pub status: DesignStatus,
    pub spec: DesignSpec,
    pub drafted_at: Timestamp,
    pub certified_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignRecord {
    pub id: DesignId,
    pub key: String,
    // Invariant: versions[i].version == i + 1; only the last version can be a draft.
    versions: Vec<DesignVersion>,
}

impl DesignRecord {
    pub fn versions(&self) -> &[DesignVersion] {
        &self.versions
    }
    pub fn latest(&self) -> &DesignVersion {
        self.versions.last().expect("a design record always has a version")
    }
    pub fn version(&self, version: u32) -> Option<&DesignVersion> {
        version.checked_sub(1).and_then(|index| self.versions.get(index as usize))
    }
    /// The newest certified version, which planning uses when no version is named.
    pub fn latest_certified(&self) -> Option<&DesignVersion> {
        self.versions.iter().rev().find(|version| version.status == DesignStatus::Certified)
    }
}

/// All designs of the node, by id and by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Designs {
    by_id: BTreeMap<DesignId, DesignRecord>,
    id_by_key: HashMap<String, DesignId>,
}

impl Designs {
    pub fn apply(&mut self, event: &DesignEvent) {
        match event {
            DesignEvent::DesignDrafted { design, spec, at } => self.apply_drafted(*design, spec, *at),
            DesignEvent::DesignDraftRevised { design, spec, at } => self.apply_revised(*design, spec, *at),
            DesignEvent::DesignCertified { design, at } => self.apply_status(*design, DesignStatus::Certified, *at),
            DesignEvent::DesignRetired { design, at } => self.apply_status(*design, DesignStatus::Retired, *at),
        }
    }

    pub fn get(&self, id: DesignId) -> Option<&DesignRecord> {
        self.by_id.get(&id)
    }
    pub fn by_key(&self, key: &str) -> Option<&DesignRecord> {
        self.id_by_key.get(key).and_then(|id| self.by_id.get(id))
    }
    pub fn version(&self, design: DesignRef) -> Option<&DesignVersion> {
        self.get(design.design).and_then(|record| record.version(design.version))
    }
    pub fn iter(&self) -> impl Iterator<Item = &DesignRecord> {
        self.by_id.values()
    }
    pub fn next_id(&self) -> DesignId {
        DesignId(self.by_id.len() as u32 + 1)
    }

    pub(crate) fn apply_drafted(&mut self, design: DesignRef, spec: &DesignSpec, at: Timestamp) {
        let record = self.by_id.entry(design.design).or_insert_with(|| DesignRecord {
            id: design.design,
            key: spec.key.clone(),
            versions: Vec::new(),
        });
        debug_assert_eq!(record.versions.len() as u32 + 1, design.version);
        record.versions.push(DesignVersion {
            version: design.version,
            status: DesignStatus::Draft,
            spec: spec.clone(),
            drafted_at: at,
            certified_at: None,
        });
        self.id_by_key.insert(spec.key.clone(), design.design);
    }

    pub(crate) fn apply_revised(&mut self, design: DesignRef, spec: &DesignSpec, at: Timestamp) {
        if let Some(version) = self.version_mut(design) {
            version.spec = spec.clone();
            version.drafted_at = at;
        }
    }

    pub(crate) fn apply_status(&mut self, design: DesignRef, status: DesignStatus, at: Timestamp) {
        if let Some(version) = self.version_mut(design) {
            version.status = status;
            if status == DesignStatus::Certified {
                version.certified_at = Some(at);
            }
        }
    }

    fn version_mut(&mut self, design: DesignRef) -> Option<&mut DesignVersion> {
        let record = self.by_id.get_mut(&design.design)?;
        let index = design.version.checked_sub(1)? as usize;
        record.versions.get_mut(index)
    }
}
