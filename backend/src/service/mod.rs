//! Use cases: the rules of madoguchi, transactions and authorization decisions.
//! Services know nothing of HTTP; handlers call one service function each.

pub mod actor;
pub mod audit;
pub mod auth;
pub mod availability;
pub mod booking;
pub mod calendar;
pub mod catalog;
pub mod contract_end;
pub mod error;
pub mod exports;
pub mod form_fields;
pub mod forms;
pub mod inquiries;
pub mod ledger;
pub mod limits;
pub mod location_plan;
pub mod notices;
pub mod reports;
pub mod reservations;
pub mod schedule;
pub mod settings_cache;
pub mod staff;
pub mod stored;
