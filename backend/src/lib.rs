//! The madoguchi server: REST API under `/api/v1`, API docs, and the SPA.
//!
//! Layers (docs/ARCHITECTURE.md): `api` (HTTP) → `jobs` → `service` (rules, transactions) →
//! `mail` → `auth` → `db` (entities, transactions) → `clock`, `config`, `client`.

pub mod api;
pub mod auth;
pub mod client;
pub mod clock;
pub mod config;
pub mod db;
pub mod help;
pub mod jobs;
pub mod mail;
pub mod openapi;
pub mod service;
pub mod spa;
pub mod startup;
pub mod telemetry;
pub mod templates;
