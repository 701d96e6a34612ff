//! Procurement proposals for shortages: among the available catalog offers, the cheapest that
//! arrives by the due date, else the fastest; quantities rounded up to whole pieces and to the
//! minimum order quantity.

use prodos_core::plan::{Day, MaterialNeed, PurchaseProposal};
use prodos_core::supplier::Suppliers;
use prodos_core::units::{Dimension, Milli, Millicents};

/// Proposals for every shortage, plus the shortages no offer covers (named, with the quantity).
pub fn procure(
    needs: &[MaterialNeed],
    suppliers: &Suppliers,
    today: Day,
    due: Day,
) -> (Vec<PurchaseProposal>, Vec<String>) {
    let mut purchases = Vec::new();
    let mut unsourced = Vec::new();
    for need in needs.iter().filter(|need| need.shortage > Milli::ZERO) {
        let candidates = offers(need, suppliers, today, due);
        let in_time = candidates.iter().filter(|c| c.in_time).min_by_key(|c| (c.cost, c.arrives, c.supplier));
        let fastest = || candidates.iter().min_by_key(|c| (c.arrives, c.cost, c.supplier));
        match in_time.or_else(fastest) {
            Some(best) => purchases.push(best.clone()),
            None => unsourced.push(format!(
                "material `{}`: {} {} short and no available supplier offer",
                need.material, need.shortage, need.unit
            )),
        }
    }
    (purchases, unsourced)
}

/// Every available catalog offer for `need`'s shortage, as the purchase it would be.
pub fn offers(need: &MaterialNeed, suppliers: &Suppliers, today: Day, due: Day) -> Vec<PurchaseProposal> {
    let mut candidates: Vec<PurchaseProposal> = Vec::new();
    {
        for (supplier, item) in suppliers.offers(&need.material) {
            let Ok(short_in_offer_unit) = need.shortage.convert(need.unit, item.unit) else { continue };
            let whole = matches!(item.unit.dimension(), Dimension::Count | Dimension::Set);
            let short_in_offer_unit =
                if whole { Milli(crate::ceil_div(short_in_offer_unit.0, 1000) * 1000) } else { short_in_offer_unit };
            let qty = short_in_offer_unit.max(item.min_order_qty);
            let arrives = today.plus(i64::from(item.lead_time_days));
            candidates.push(PurchaseProposal {
                material: need.material.clone(),
                supplier: supplier.id,
                supplier_key: supplier.key.clone(),
                qty,
                unit: item.unit,
                cost: item.price.for_qty(qty),
                lead_time_days: item.lead_time_days,
                arrives,
                in_time: arrives <= due,
            });
        }
    }
    candidates
}

/// The price of buying `qty` (in `unit`) at the cheapest available offer, ignoring lead time and
/// minimum order quantity (what the material is worth, for costing).
pub fn cheapest_price(
    suppliers: &Suppliers,
    material: &str,
    qty: Milli,
    unit: prodos_core::units::Unit,
) -> Option<Millicents> {
    suppliers
        .offers(material)
        .filter_map(|(_, item)| item.price.per_unit(item.unit, unit).ok().map(|price| price.for_qty(qty)))
        .min()
}
