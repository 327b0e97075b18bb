//! Use cases: the rules of madoguchi, transactions and authorization decisions.
//! Services know nothing of HTTP; handlers call one service function each.

pub mod actor;
pub mod auth;
pub mod calendar;
pub mod catalog;
pub mod schedule;
pub mod staff;
