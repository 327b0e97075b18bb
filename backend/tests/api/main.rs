//! Integration tests: the real server over HTTP, on SQLite and on PostgreSQL.

mod auth;
mod calendar;
mod catalog;
mod cli;
mod errors;
mod health;
mod helpers;
mod migrations;
mod openapi;
mod protected_routes;
mod spa;
