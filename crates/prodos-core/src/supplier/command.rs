//! What may be asked of suppliers: import a list of suppliers and their catalog lines.

use crate::supplier::SupplierListing;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SupplierCommand {
    ImportSuppliers { suppliers: Vec<SupplierListing> },
}
