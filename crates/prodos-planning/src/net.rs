//! Netting: the exploded requirement of each material against available stock, giving what the
//! plan takes from stock and what is short.

use crate::explode::Explosion;
use crate::stock_view::StockView;
use prodos_core::State;
use prodos_core::plan::MaterialNeed;
use prodos_core::units::Milli;

/// One need per exploded material. Stock in another unit than the explosion's (a material stock
/// does not know) counts as none.
pub fn net(state: &State, explosion: &Explosion, stock: &StockView<'_>) -> Vec<MaterialNeed> {
    explosion
        .materials
        .iter()
        .map(|total| {
            let same_unit = state.stock.material(&total.material).is_some_and(|material| material.unit == total.unit);
            let available = if same_unit { stock.available(&total.material).max(Milli::ZERO) } else { Milli::ZERO };
            let from_stock = total.total.min(available);
            MaterialNeed {
                material: total.material.clone(),
                unit: total.unit,
                required: total.total,
                from_stock,
                shortage: total.total - from_stock,
            }
        })
        .collect()
}
