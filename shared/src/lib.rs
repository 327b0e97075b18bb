//! Domain types, validation and the business calendar of madoguchi.
//!
//! Compiled both for the server and for the WASM SPA, so it holds no I/O: no async
//! runtime, no database, no HTTP.

pub mod availability;
pub mod calendar;
pub mod call_center;
pub mod console;
pub mod dto;
pub mod error;
pub mod ics;
pub mod reservation_number;
pub mod schedule;
pub mod time;
pub mod validate;
