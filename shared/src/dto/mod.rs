//! Request and response bodies of the REST API, shared by the server and the SPA.

pub mod audit;
pub mod auth;
pub mod availability;
pub mod calendar;
pub mod call_center;
pub mod catalog;
pub mod form;
pub mod health;
pub mod history;
pub mod inquiry;
pub mod jobs;
pub mod notice;
pub mod report;
pub mod reservation;
pub mod schedule;
pub mod staff;
