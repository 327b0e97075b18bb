//! Integration tests: the real server over HTTP, on SQLite and on PostgreSQL.

mod abuse;
mod auth;
mod booking;
mod calendar;
mod catalog;
mod cli;
mod contract_end;
mod dates;
mod errors;
mod exports;
mod health;
mod help;
mod helpers;
mod inquiries;
mod invariants;
mod mail;
mod migrations;
mod notices;
mod openapi;
mod protected_routes;
mod reminders;
mod reports;
mod schedule;
mod self_service;
mod spa;
mod staff_accounts;
